// GET /api/v1/dues: what is owed for a civil ID, account, meter or plate (src/modules/payments/payments.schemas.ts,
// `duesResponse`). The reading is deliberately forgiving — biller as an object or a bare code, texts as {ar, en} or
// as <name>Ar/<name>En pairs — so a small change in the API degrades a label, not the whole page.
import { api, type ApiClient, type LocalisedText } from '../../api/index.js';
import { normaliseFreeInput, normaliseNumberInput } from '../../lib/digits.js';
import type { AmountInCurrency } from '../../lib/money.js';

export const LOOKUP_KINDS = ['civilId', 'accountNumber', 'meterNumber', 'plate'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

export interface Payable {
  id: string;
  billerCode: string;
  billerName: LocalisedText | null;
  reference: string;
  amountDue: string;
  currency: string;
  dueDate: string | null;
  description: LocalisedText | null;
  /** False for fines held for legal process and government accounts: shown, but not paid online. */
  payableOnline: boolean;
  holdReason: LocalisedText | null;
  /** The owner's name: initials (م*** ع***) for a stranger, in full for the owner or staff; null when unknown. */
  ownerName: LocalisedText | null;
  /** The biller takes less than the full amount, down to `minPartialAmount` (a decimal string). */
  allowsPartialPayment: boolean;
  minPartialAmount: string | null;
}

export interface Dues {
  payables: Payable[];
  /** Everything owed, per currency, as the API reckoned it. */
  total: AmountInCurrency[];
}

type Raw = Record<string, unknown>;

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** `{ar, en}`, a pair of `<name>Ar`/`<name>En` fields, or one plain string used for both. */
export function localised(source: Raw, field: string): LocalisedText | null {
  const value = source[field];
  if (value && typeof value === 'object') {
    const { ar, en } = value as Raw;
    if (text(ar) || text(en)) return { ar: text(ar) ?? text(en)!, en: text(en) ?? text(ar)! };
  }
  if (text(value)) return { ar: value as string, en: value as string };
  const ar = text(source[`${field}Ar`]);
  const en = text(source[`${field}En`]);
  return ar || en ? { ar: ar ?? en!, en: en ?? ar! } : null;
}

export function normalisePayable(raw: Raw): Payable {
  const biller = raw.biller;
  const billerObject = biller && typeof biller === 'object' ? (biller as Raw) : null;
  const currency = text(raw.currency) ?? 'KWD';
  return {
    id: String(raw.id),
    billerCode: text(billerObject?.code) ?? text(biller) ?? text(raw.billerCode) ?? '',
    billerName: billerObject ? localised(billerObject, 'name') : localised(raw, 'billerName'),
    reference: text(raw.reference) ?? '',
    amountDue: text(raw.amountDue) ?? text(raw.amount) ?? '0',
    currency,
    dueDate: text(raw.dueDate),
    description: localised(raw, 'description'),
    payableOnline: raw.payableOnline !== false,
    holdReason: localised(raw, 'holdReason'),
    ownerName: raw.owner && typeof raw.owner === 'object' ? localised(raw.owner as Raw, 'name') : null,
    allowsPartialPayment: raw.allowsPartialPayment === true,
    minPartialAmount: text(raw.minPartialAmount),
  };
}

export function normaliseTotal(total: unknown, currency: unknown, payables: Payable[]): AmountInCurrency[] {
  if (typeof total === 'string') return [{ amount: total, currency: text(currency) ?? payables[0]?.currency ?? 'KWD' }];
  if (Array.isArray(total)) return total.filter((t): t is AmountInCurrency => typeof t?.amount === 'string' && typeof t?.currency === 'string');
  if (total && typeof total === 'object') {
    const { amount, currency } = total as Raw;
    if (typeof amount === 'string' && typeof currency === 'string') return [{ amount, currency }];
  }
  return [];
}

export async function lookupDues(kind: LookupKind, value: string, options: { client?: ApiClient; signal?: AbortSignal } = {}): Promise<Dues> {
  const client = options.client ?? api;
  const body = await client.get<{ payables?: Raw[]; total?: unknown; currency?: unknown }>('/api/v1/dues', { [kind]: value }, options.signal);
  const payables = (body.payables ?? []).map(normalisePayable);
  return { payables, total: normaliseTotal(body.total, body.currency, payables) };
}

/**
 * What the person typed, made ready to send: Arabic-Indic digits become 0-9; a civil ID loses its spaces and
 * dashes; account and meter numbers keep their dashes (M-55012) and are upper-cased as printed on bills; a plate's
 * spaces and dashes become the slash it is written with (12 34567 → 12/34567).
 */
export function normaliseLookupValue(kind: LookupKind, typed: string): string {
  if (kind === 'civilId') return normaliseNumberInput(typed);
  const value = normaliseFreeInput(typed).toUpperCase();
  return kind === 'plate' ? value.replace(/\s*[-/]\s*|\s+/g, '/') : value.replace(/\s+/g, '');
}

/** A look-up named in the page's address (`/?plate=12/34567`, `/?accountNumber=…`): the links in SMS and emails. */
export function lookupFromQuery(params: URLSearchParams): { kind: LookupKind; value: string } | null {
  for (const kind of LOOKUP_KINDS) {
    const value = params.get(kind);
    if (value) return { kind, value: normaliseLookupValue(kind, value) };
  }
  return null;
}
