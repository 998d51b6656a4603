// Utility accounts, bills, meter readings and bill runs as the portal reads them: src/modules/accounts/
// accounts.schemas.ts (`accountSchema`), src/modules/billing/billing.schemas.ts (`billSummarySchema`,
// `billDetailSchema`, `billRunSchema`) and src/modules/metering/metering.schemas.ts (`readingDecisionSchema`).
import { api, type ApiClient, type LocalisedText } from '../../api/index.js';

export type Unit = 'kWh' | 'imp_gal';

export interface Account {
  accountNumber: string;
  billerCode: string;
  categoryName: LocalisedText;
  address: LocalisedText;
  status: 'active' | 'disconnected' | 'closed';
  collectedOnline: boolean;
  meters: { meterNumber: string; unit: Unit; status: 'active' | 'removed' }[];
}

export interface BillSummary {
  id: string;
  billNumber: string;
  billerCode: string;
  accountNumber: string;
  meterNumber: string | null;
  period: string;
  periodFrom: string;
  periodTo: string;
  issuedOn: string;
  dueDate: string;
  estimated: boolean;
  consumption: string;
  unit: Unit;
  amount: string;
  currency: string;
  previousBalance: string;
  payable: { id: string; status: string; amountDue: string; payableOnline: boolean; holdReason: LocalisedText | null };
  pdfUrl: string;
}

export interface BillLine {
  kind: 'consumption' | 'fixed' | 'estimate_correction' | 'credit_brought_forward' | 'previous_balance';
  label: LocalisedText;
  quantity: string | null;
  tierFrom: string | null;
  tierTo: string | null;
  rate: { price: string; perUnits: string; label: LocalisedText } | null;
  amount: string;
  countsInTotal: boolean;
}

export interface BillDetail extends BillSummary {
  category: string;
  readings: { previous: { value: string; readOn: string } | null; current: { value: string; readOn: string } | null };
  lines: BillLine[];
  creditCarriedForward: string;
  history: { period: string; consumption: string; estimated: boolean }[];
}

export async function myAccounts(client: ApiClient = api, signal?: AbortSignal): Promise<Account[]> {
  return (await client.get<{ accounts: Account[] }>('/api/v1/me/accounts', undefined, signal)).accounts;
}

export async function myBills(client: ApiClient = api, signal?: AbortSignal): Promise<BillSummary[]> {
  return (await client.get<{ bills: BillSummary[] }>('/api/v1/me/bills', undefined, signal)).bills;
}

export async function myAccountsAndBills(client: ApiClient = api, signal?: AbortSignal): Promise<{ accounts: Account[]; bills: BillSummary[] }> {
  const [accounts, bills] = await Promise.all([myAccounts(client, signal), myBills(client, signal)]);
  return { accounts, bills };
}

export function fetchBill(billId: string, client: ApiClient = api, signal?: AbortSignal): Promise<BillDetail> {
  return client.get<BillDetail>(`/api/v1/bills/${encodeURIComponent(billId)}`, undefined, signal);
}

/** The bill's PDF in a language: the URL the API gives, with the language asked for. */
export function billPdfUrl(bill: Pick<BillSummary, 'id' | 'pdfUrl'>, language: 'ar' | 'en'): string {
  const url = new URL(bill.pdfUrl || `/api/v1/bills/${encodeURIComponent(bill.id)}/pdf`, 'http://portal.invalid');
  url.searchParams.set('lang', language);
  // Same-origin path only: the portal and the API are one server.
  return `${url.pathname}${url.search}`;
}

/** The active meter of an account (the one readings go to). */
export function activeMeter(account: Account): Account['meters'][number] | undefined {
  return account.meters.find((m) => m.status === 'active') ?? account.meters[0];
}

export interface ReadingDecision {
  decision: 'accepted' | 'held' | 'rejected';
  code: string;
  message: LocalisedText;
  reading: { value: string; consumption: string; unit: Unit; readOn: string; accountNumber: string; meterNumber: string };
  expected: { units: string; low: string; high: string } | null;
}

export function submitReading(input: { accountNumber?: string; meterNumber?: string; reading: string; readOn?: string }, client: ApiClient = api): Promise<ReadingDecision> {
  return client.post<ReadingDecision>('/api/v1/readings', input);
}

export interface BillRun {
  id: string;
  biller: string;
  period: string;
  status: 'running' | 'completed' | 'completed_with_failures' | 'failed';
  issuedOn: string;
  dueDate: string;
  totalAccounts: number;
  billed: number;
  estimated: number;
  failed: number;
  amountTotal: string;
  currency: string;
  startedAt: string;
  updatedAt: string;
  finishedAt: string | null;
  lastError: string | null;
}

export async function listBillRuns(client: ApiClient = api, signal?: AbortSignal): Promise<BillRun[]> {
  return (await client.get<{ runs: BillRun[] }>('/api/v1/bill-runs', undefined, signal)).runs;
}

export function fetchBillRun(id: string, client: ApiClient = api, signal?: AbortSignal): Promise<BillRun> {
  return client.get<BillRun>(`/api/v1/bill-runs/${encodeURIComponent(id)}`, undefined, signal);
}

export function startBillRun(biller: string, period: string, client: ApiClient = api): Promise<BillRun> {
  return client.post<BillRun>('/api/v1/bill-runs', { biller, period });
}

export function isRunFinished(run: Pick<BillRun, 'status'>): boolean {
  return run.status !== 'running';
}
