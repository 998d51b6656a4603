// GET /api/v1/dues: what is owed for a civil ID, account, meter or plate (`Dues` in the generated API types).
import { answer, api, type ApiClient, type Schema } from '../../api/index.js';
import { normaliseFreeInput, normaliseNumberInput } from '../../lib/digits.js';

export const LOOKUP_KINDS = ['civilId', 'accountNumber', 'meterNumber', 'plate'] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

/**
 * One due. `payableOnline` is false for fines held for legal process and government accounts (shown, not paid
 * online); `owner.name` is initials (م*** ع***) for a stranger, in full for the owner or staff; a biller with
 * `allowsPartialPayment` takes less than the full amount, down to `minPartialAmount`.
 */
export type Payable = Schema<'DuesPayable'>;
/**
 * The dues found: `payables` can be paid now and add up to `total`; `held` (not payable now) add up to
 * `heldTotal`, both in `currency`.
 */
export type Dues = Schema<'Dues'>;

/**
 * The dues, with the held items listed after the payable ones (shown, never ticked): the lists render one array,
 * while `total` stays what can be paid now.
 */
export async function lookupDues(kind: LookupKind, value: string, options: { client?: ApiClient; signal?: AbortSignal } = {}): Promise<Dues> {
  const query: Partial<Record<LookupKind, string>> = { [kind]: value };
  const dues = await answer((options.client ?? api).GET('/api/v1/dues', { params: { query }, signal: options.signal }));
  return { ...dues, payables: [...dues.payables, ...dues.held] };
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
