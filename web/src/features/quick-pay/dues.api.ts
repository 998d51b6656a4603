// GET /api/v1/dues: what is owed for a civil ID, account, meter or plate. The API is young and its payable carries
// the biller as an object or as a bare code, and texts as {ar, en} or as nameAr/nameEn-style pairs; this file
// turns whichever arrived into one shape the page can rely on.
import { api, type ApiClient, type LocalisedText } from '../../api/index.js';
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
  };
}

export function normaliseTotal(total: unknown, payables: Payable[]): AmountInCurrency[] {
  if (typeof total === 'string') return [{ amount: total, currency: payables[0]?.currency ?? 'KWD' }];
  if (Array.isArray(total)) return total.filter((t): t is AmountInCurrency => typeof t?.amount === 'string' && typeof t?.currency === 'string');
  if (total && typeof total === 'object') {
    const { amount, currency } = total as Raw;
    if (typeof amount === 'string' && typeof currency === 'string') return [{ amount, currency }];
  }
  return [];
}

export async function lookupDues(kind: LookupKind, value: string, options: { client?: ApiClient; signal?: AbortSignal } = {}): Promise<Dues> {
  const client = options.client ?? api;
  const body = await client.get<{ payables?: Raw[]; total?: unknown }>('/api/v1/dues', { [kind]: value }, options.signal);
  const payables = (body.payables ?? []).map(normalisePayable);
  return { payables, total: normaliseTotal(body.total, payables) };
}
