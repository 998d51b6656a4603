// Utility accounts, bills, meter readings and bill runs as the portal reads them (`UtilityAccount`, `BillSummary`,
// `Bill`, `ReadingDecision` and `BillRun` in the generated API types).
import { answer, api, type ApiClient, type RequestBody, type Schema } from '../../api/index.js';

export type Account = Schema<'UtilityAccount'>;
export type BillSummary = Schema<'BillSummary'>;
export type BillDetail = Schema<'Bill'>;
export type BillLine = BillDetail['lines'][number];
export type ReadingDecision = Schema<'ReadingDecision'>;
export type ReadingInput = RequestBody<'/api/v1/readings', 'post'>;
export type BillRun = Schema<'BillRun'>;

export async function myAccounts(client: ApiClient = api, signal?: AbortSignal): Promise<Account[]> {
  return (await answer(client.GET('/api/v1/me/accounts', { signal }))).accounts;
}

export async function myBills(client: ApiClient = api, signal?: AbortSignal): Promise<BillSummary[]> {
  return (await answer(client.GET('/api/v1/me/bills', { signal }))).bills;
}

export async function myAccountsAndBills(client: ApiClient = api, signal?: AbortSignal): Promise<{ accounts: Account[]; bills: BillSummary[] }> {
  const [accounts, bills] = await Promise.all([myAccounts(client, signal), myBills(client, signal)]);
  return { accounts, bills };
}

export type AccountBills = Schema<'AccountBills'>;

/** One page of an account's bill history, newest first, optionally one year's (GET /api/v1/accounts/{n}/bills). */
export function accountBills(accountNumber: string, query: { year?: number; page?: number; pageSize?: number }, client: ApiClient = api, signal?: AbortSignal): Promise<AccountBills> {
  return answer(client.GET('/api/v1/accounts/{accountNumber}/bills', { params: { path: { accountNumber }, query }, signal }));
}

export function fetchBill(billId: string, client: ApiClient = api, signal?: AbortSignal): Promise<BillDetail> {
  return answer(client.GET('/api/v1/bills/{id}', { params: { path: { id: billId } }, signal }));
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

export type MeterReading = Schema<'MeterReading'>;

/** The account's last accepted reading, shown beside the box so a person can check what they typed against it. */
export async function lastAcceptedReading(accountNumber: string, client: ApiClient = api, signal?: AbortSignal): Promise<MeterReading | null> {
  const { readings } = await answer(client.GET('/api/v1/accounts/{accountNumber}/readings', { params: { path: { accountNumber } }, signal }));
  return readings.find((r) => r.status === 'accepted') ?? null;
}

export function submitReading(input: ReadingInput, client: ApiClient = api): Promise<ReadingDecision> {
  return answer(client.POST('/api/v1/readings', { body: input }));
}

export async function listBillRuns(client: ApiClient = api, signal?: AbortSignal): Promise<BillRun[]> {
  return (await answer(client.GET('/api/v1/bill-runs', { signal }))).runs;
}

export function fetchBillRun(id: string, client: ApiClient = api, signal?: AbortSignal): Promise<BillRun> {
  return answer(client.GET('/api/v1/bill-runs/{id}', { params: { path: { id } }, signal }));
}

export function startBillRun(biller: string, period: string, client: ApiClient = api): Promise<BillRun> {
  return answer(client.POST('/api/v1/bill-runs', { body: { biller, period } }));
}

export function isRunFinished(run: Pick<BillRun, 'status'>): boolean {
  return run.status !== 'running';
}
