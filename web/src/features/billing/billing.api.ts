// Utility accounts, bills, readings and bill runs as the portal reads them (src/modules/billing, metering). The
// reading is forgiving (`{ar,en}` or `<name>Ar/<name>En`, numbers or strings), so a small change in the API
// degrades a label rather than the page.
import { api, type ApiClient, type LocalisedText } from '../../api/index.js';
import { localised } from '../quick-pay/dues.api.js';

type Raw = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : null);

export interface Account {
  accountNumber: string;
  billerCode: string;
  category: string | null;
  status: string | null;
  meterNumber: string | null;
  address: LocalisedText | null;
}

export interface BillSummary {
  id: string;
  billNumber: string;
  accountNumber: string;
  billerCode: string;
  period: string;
  issuedOn: string | null;
  dueDate: string | null;
  amount: string;
  currency: string;
  status: string | null;
  estimated: boolean;
  consumption: string | null;
  unit: string | null;
}

export interface BillLine {
  kind: string;
  label: LocalisedText | null;
  quantity: string | null;
  rate: string | null;
  tierFrom: string | null;
  tierTo: string | null;
  amount: string;
  countsInTotal: boolean;
}

export interface BillDetail extends BillSummary {
  periodFrom: string | null;
  periodTo: string | null;
  previousReading: string | null;
  currentReading: string | null;
  lines: BillLine[];
  history: { period: string; consumption: number; estimated: boolean }[];
  pdfUrl: (language: 'ar' | 'en') => string;
}

export function readAccount(raw: Raw): Account {
  const meter = (raw.meter && typeof raw.meter === 'object' ? raw.meter : Array.isArray(raw.meters) ? raw.meters[0] : null) as Raw | null;
  return {
    accountNumber: str(raw.accountNumber) ?? '',
    billerCode: str(raw.billerCode) ?? str((raw.biller as Raw | undefined)?.code) ?? '',
    category: str(raw.category),
    status: str(raw.status),
    meterNumber: str(raw.meterNumber) ?? str(meter?.meterNumber),
    address: localised(raw, 'address'),
  };
}

export function readBill(raw: Raw): BillSummary {
  return {
    id: str(raw.id) ?? str(raw.billId) ?? '',
    billNumber: str(raw.billNumber) ?? '',
    accountNumber: str(raw.accountNumber) ?? '',
    billerCode: str(raw.billerCode) ?? str((raw.biller as Raw | undefined)?.code) ?? '',
    period: str(raw.period) ?? '',
    issuedOn: str(raw.issuedOn),
    dueDate: str(raw.dueDate),
    amount: str(raw.amount) ?? str(raw.total) ?? '0',
    currency: str(raw.currency) ?? 'KWD',
    status: str(raw.status),
    estimated: raw.estimated === true,
    consumption: str(raw.consumption),
    unit: str(raw.unit),
  };
}

export function readLine(raw: Raw): BillLine {
  return {
    kind: str(raw.kind) ?? '',
    label: localised(raw, 'label') ?? localised(raw, 'description'),
    quantity: str(raw.quantity),
    rate: str(raw.rate) ?? str(raw.rateMinor),
    tierFrom: str(raw.tierFrom),
    tierTo: str(raw.tierTo),
    amount: str(raw.amount) ?? '0',
    countsInTotal: raw.countsInTotal !== false,
  };
}

export async function myAccountsAndBills(client: ApiClient = api, signal?: AbortSignal): Promise<{ accounts: Account[]; bills: BillSummary[] }> {
  const body = await client.get<{ accounts?: Raw[]; bills?: Raw[] }>('/api/v1/me/bills', undefined, signal);
  return { accounts: (body.accounts ?? []).map(readAccount), bills: (body.bills ?? []).map(readBill) };
}

export async function fetchBill(billId: string, client: ApiClient = api, signal?: AbortSignal): Promise<BillDetail> {
  const body = await client.get<Raw>(`/api/v1/bills/${encodeURIComponent(billId)}`, undefined, signal);
  const bill = (body.bill && typeof body.bill === 'object' ? body.bill : body) as Raw;
  const lines = (Array.isArray(bill.lines) ? bill.lines : Array.isArray(body.lines) ? body.lines : []) as Raw[];
  const history = (Array.isArray(body.history) ? body.history : Array.isArray(bill.history) ? bill.history : []) as Raw[];
  const readings = (bill.readings ?? {}) as Raw;
  return {
    ...readBill(bill),
    periodFrom: str(bill.periodFrom),
    periodTo: str(bill.periodTo),
    previousReading: str(bill.previousValue) ?? str((readings.previous as Raw | undefined)?.value),
    currentReading: str(bill.currentValue) ?? str((readings.current as Raw | undefined)?.value),
    lines: lines.map(readLine),
    history: history.map((h) => ({ period: str(h.period) ?? '', consumption: Number(str(h.consumption) ?? 0), estimated: h.estimated === true })),
    pdfUrl: (language) => str(bill.pdfUrl)?.replace(/lang=(ar|en)/, `lang=${language}`) ?? `/api/v1/bills/${encodeURIComponent(billId)}/pdf?lang=${language}`,
  };
}

export interface ReadingDecision {
  decision: 'accepted' | 'held' | 'rejected';
  code: string;
  message: LocalisedText;
}

export async function submitReading(input: { accountNumber?: string; meterNumber?: string; value: string; readOn?: string }, client: ApiClient = api): Promise<ReadingDecision> {
  const body = await client.post<Raw>('/api/v1/readings', input);
  const decision = str(body.decision);
  return {
    decision: decision === 'held' || decision === 'rejected' ? decision : 'accepted',
    code: str(body.code) ?? '',
    message: localised(body, 'message') ?? { ar: '', en: '' },
  };
}

export interface BillRun {
  id: string;
  billerCode: string;
  period: string;
  status: string;
  totalAccounts: number;
  billedCount: number;
  estimatedCount: number;
  failedCount: number;
  amountTotal: string | null;
  currency: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function readRun(raw: Raw): BillRun {
  const run = (raw.run && typeof raw.run === 'object' ? raw.run : raw) as Raw;
  const n = (v: unknown) => Number(str(v) ?? 0);
  return {
    id: str(run.id) ?? str(run.runId) ?? '',
    billerCode: str(run.billerCode) ?? '',
    period: str(run.period) ?? '',
    status: str(run.status) ?? '',
    totalAccounts: n(run.totalAccounts ?? run.total),
    billedCount: n(run.billedCount ?? run.billed),
    estimatedCount: n(run.estimatedCount ?? run.estimated),
    failedCount: n(run.failedCount ?? run.failed),
    amountTotal: str(run.amountTotal),
    currency: str(run.currency) ?? 'KWD',
    startedAt: str(run.startedAt),
    finishedAt: str(run.finishedAt),
  };
}

export async function listBillRuns(client: ApiClient = api, signal?: AbortSignal): Promise<BillRun[]> {
  const body = await client.get<{ runs?: Raw[]; billRuns?: Raw[] }>('/api/v1/bill-runs', undefined, signal);
  return (body.runs ?? body.billRuns ?? []).map(readRun);
}

export async function fetchBillRun(id: string, client: ApiClient = api, signal?: AbortSignal): Promise<BillRun> {
  return readRun(await client.get<Raw>(`/api/v1/bill-runs/${encodeURIComponent(id)}`, undefined, signal));
}

export async function startBillRun(billerCode: string, period: string, client: ApiClient = api): Promise<BillRun> {
  return readRun(await client.post<Raw>('/api/v1/bill-runs', { billerCode, period }));
}

export function isRunFinished(run: BillRun): boolean {
  return ['completed', 'finished', 'done', 'failed', 'completed_with_failures'].includes(run.status);
}
