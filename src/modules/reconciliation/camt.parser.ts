// ISO 20022 bank-to-customer statements (camt.053) and notifications (camt.054), versions 02 to 08. Hostile input
// is refused on the raw text BEFORE any parser sees it: a DOCTYPE or ENTITY declaration (external entities,
// entity expansion), an oversized file, an unknown namespace. The parser then runs with entities switched off
// (the same screening and parser options as every reader of outside XML: src/shared/safe-xml.ts).
import { XMLParser } from 'fast-xml-parser';
import { AppError } from '../../platform/errors/app-error.js';
import { declaresDocumentType, safeXmlParserOptions } from '../../shared/safe-xml.js';
import { statementCurrencyDecimals } from './currencies.js';

export const MAX_STATEMENT_BYTES = 5 * 1024 * 1024;
const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.(053|054)\.001\.0([2-8])$/;

export interface CamtTransaction {
  direction: 'CRDT' | 'DBIT';
  reversal: boolean;
  bookingStatus: string;
  amount: bigint;
  currency: string;
  bookingDate: string | null;
  valueDate: string | null;
  endToEndId: string | null;
  accountServicerRef: string | null;
  transactionId: string | null;
  remittance: string[];
}

export interface CamtStatement {
  format: string;
  kind: 'statement' | 'notification';
  statementId: string;
  account: string;
  currency: string;
  openingBalance: bigint | null;
  closingBalance: bigint | null;
  /** Each entry; a batched entry (several TxDtls) already split into one transaction per TxDtls. */
  transactions: CamtTransaction[];
  /** Signed sum of the booked entries (entry amounts, not their split parts). */
  bookedNet: bigint;
  /** A balance stated in another currency than the account's: the balance check cannot hold. */
  balanceCurrencyMismatch: boolean;
}

type Node = Record<string, unknown>;

/** Refusals that need no parser: size, declarations, namespace. */
export function screenStatement(bytes: Buffer): { text: string; format: string; kind: 'statement' | 'notification' } {
  if (bytes.length > MAX_STATEMENT_BYTES) throw new AppError('recon_file_too_large', { bytes: bytes.length, limit: MAX_STATEMENT_BYTES });
  const text = bytes.toString('utf8');
  if (declaresDocumentType(text)) throw new AppError('recon_xml_doctype_refused');
  const root = /<(?:[A-Za-z_][\w.-]*:)?Document\b[^>]*>/.exec(text);
  const ns = root ? /\sxmlns(?::[\w.-]+)?\s*=\s*["']([^"']+)["']/g : null;
  let format: string | null = null;
  let kind: 'statement' | 'notification' = 'statement';
  for (let m = ns?.exec(root![0]); m; m = ns!.exec(root![0])) {
    const hit = NAMESPACE.exec(m[1]!);
    if (hit) {
      format = `camt.${hit[1]}.001.0${hit[2]}`;
      kind = hit[1] === '053' ? 'statement' : 'notification';
    }
  }
  if (!format) throw new AppError('recon_namespace_unknown', { namespace: root ? /xmlns\s*=\s*["']([^"']+)/.exec(root[0])?.[1] ?? null : null });
  return { text, format, kind };
}

const ARRAYS = new Set(['Stmt', 'Ntfctn', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd']);

export function parseCamt(bytes: Buffer): CamtStatement {
  const { text, format, kind } = screenStatement(bytes);
  const parser = new XMLParser(safeXmlParserOptions((name) => ARRAYS.has(name)));
  let doc: Node;
  try {
    doc = parser.parse(text, true) as Node;
  } catch (error) {
    throw new AppError('recon_xml_malformed', { reason: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  }
  const body = child(child(doc, 'Document'), kind === 'statement' ? 'BkToCstmrStmt' : 'BkToCstmrDbtCdtNtfctn');
  const reports = list(body, kind === 'statement' ? 'Stmt' : 'Ntfctn');
  if (reports.length !== 1) throw new AppError('recon_statement_invalid', { field: kind === 'statement' ? 'Stmt' : 'Ntfctn', count: reports.length });
  const report = reports[0]!;
  const statementId = textOf(report, 'Id');
  const acct = child(report, 'Acct');
  const acctId = child(acct, 'Id');
  const account = optText(acctId, 'IBAN') ?? optText(child(acctId, 'Othr'), 'Id');
  if (!statementId || !account) throw new AppError('recon_statement_invalid', { field: !statementId ? 'Id' : 'Acct/Id' });

  const entries = list(report, 'Ntry');
  const accountCurrency = optText(acct, 'Ccy') ?? amountOf(child(entries[0], 'Amt'))?.currency;
  if (!accountCurrency) throw new AppError('recon_statement_invalid', { field: 'Acct/Ccy' });
  statementCurrencyDecimals(accountCurrency);

  let balanceCurrencyMismatch = false;
  const balance = (codes: string[]): bigint | null => {
    const bal = list(report, 'Bal').find((b) => codes.includes(optText(child(child(b, 'Tp'), 'CdOrPrtry'), 'Cd') ?? ''));
    if (!bal) return null;
    const amt = requireAmount(child(bal, 'Amt'), 'Bal/Amt');
    if (amt.currency !== accountCurrency) balanceCurrencyMismatch = true;
    return optText(bal, 'CdtDbtInd') === 'DBIT' ? -amt.minor : amt.minor;
  };
  const openingBalance = balance(['OPBD', 'PRCD']);
  const closingBalance = balance(['CLBD']);

  const transactions: CamtTransaction[] = [];
  let bookedNet = 0n;
  for (const [index, ntry] of entries.entries()) {
    const amt = requireAmount(child(ntry, 'Amt'), `Ntry[${index}]/Amt`);
    if (amt.currency !== accountCurrency) throw new AppError('recon_currency_mismatch', { entry: index, currency: amt.currency, account: accountCurrency });
    const direction = directionOf(ntry, `Ntry[${index}]/CdtDbtInd`);
    const status = child(ntry, 'Sts');
    const bookingStatus = (typeof status === 'object' && status ? optText(status as Node, 'Cd') : (status as string | undefined)) ?? '';
    if (!bookingStatus) throw new AppError('recon_statement_invalid', { field: `Ntry[${index}]/Sts` });
    const reversal = optText(ntry, 'RvslInd') === 'true';
    const bookingDate = dateOf(child(ntry, 'BookgDt'));
    const valueDate = dateOf(child(ntry, 'ValDt'));
    const entryRef = optText(ntry, 'AcctSvcrRef');
    if (bookingStatus === 'BOOK') bookedNet += direction === 'CRDT' ? amt.minor : -amt.minor;

    const details = list(ntry, 'NtryDtls').flatMap((d) => list(d, 'TxDtls'));
    // A batch splits into its transactions only when every part states its own amount in the account's currency
    // and the parts add up to the entry; otherwise the entry stays whole (and goes to suspense if nothing matches).
    const partAmounts = details.map((tx) => amountOf(child(tx, 'Amt') ?? child(child(child(tx, 'AmtDtls'), 'TxAmt'), 'Amt')));
    const split = details.length > 1 && partAmounts.every((a) => a?.currency === accountCurrency)
      && partAmounts.reduce((sum, a) => sum + a!.minor, 0n) === amt.minor;
    const parts = split ? details.map((tx, i) => ({ tx, minor: partAmounts[i]!.minor })) : [{ tx: details[0], minor: amt.minor }];
    for (const { tx, minor } of parts) {
      const refs = child(tx, 'Refs');
      const rmt = child(tx, 'RmtInf');
      const remittance = [
        ...list(rmt, 'Ustrd').map((u) => String(u)),
        ...list(rmt, 'Strd').map((st) => optText(child(st, 'CdtrRefInf'), 'Ref')).filter((r): r is string => !!r),
      ];
      transactions.push({
        direction, reversal, bookingStatus, amount: minor, currency: accountCurrency, bookingDate, valueDate,
        endToEndId: nonPlaceholder(optText(refs, 'EndToEndId')),
        accountServicerRef: optText(refs, 'AcctSvcrRef') ?? entryRef,
        transactionId: optText(refs, 'TxId'),
        remittance,
      });
    }
  }
  return { format, kind, statementId, account, currency: accountCurrency, openingBalance, closingBalance, transactions, bookedNet, balanceCurrencyMismatch };
}

function child(node: unknown, name: string): Node | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const value = (node as Node)[name];
  if (Array.isArray(value)) return value[0] as Node | undefined;
  return value as Node | undefined;
}

function list(node: unknown, name: string): Node[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as Node)[name];
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]) as Node[];
}

function optText(node: unknown, name: string): string | null {
  const value = node && typeof node === 'object' ? (node as Node)[name] : undefined;
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object' && typeof (value as Node)['#text'] === 'string') return ((value as Node)['#text'] as string).trim() || null;
  return null;
}

function textOf(node: unknown, name: string): string | null {
  return optText(node, name);
}

function dateOf(node: Node | undefined): string | null {
  return optText(node, 'Dt') ?? optText(node, 'DtTm');
}

/** "NOTPROVIDED" is the standard's way of saying there is no end-to-end id. */
function nonPlaceholder(value: string | null): string | null {
  return value && value.toUpperCase() !== 'NOTPROVIDED' ? value : null;
}

function directionOf(node: unknown, field: string): 'CRDT' | 'DBIT' {
  const value = optText(node, 'CdtDbtInd');
  if (value !== 'CRDT' && value !== 'DBIT') throw new AppError('recon_statement_invalid', { field, value });
  return value;
}

const AMOUNT = /^(\d{1,15})(?:\.(\d+))?$/;

function amountOf(node: unknown): { minor: bigint; currency: string } | null {
  if (!node || typeof node !== 'object') return null;
  const value = (node as Node)['#text'];
  const currency = (node as Node)['@_Ccy'];
  if (typeof value !== 'string' || typeof currency !== 'string') return null;
  const decimals = statementCurrencyDecimals(currency);
  const match = AMOUNT.exec(value.trim());
  if (!match) throw new AppError('recon_amount_invalid', { amount: value, currency });
  const [, whole, fraction = ''] = match;
  if (fraction.length > decimals) throw new AppError('recon_amount_invalid', { amount: value, currency, decimals });
  return { minor: BigInt(whole!) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0'), currency };
}

function requireAmount(node: unknown, field: string): { minor: bigint; currency: string } {
  const amount = amountOf(node);
  if (!amount) throw new AppError('recon_statement_invalid', { field });
  return amount;
}
