// The prepaid water wallet and station report calls (src/modules/prepaid/prepaid.routes.ts): the signed-in
// person's wallets and statement, asking for a top-up (a payable, then paid through the usual checkout), and the
// admin's report of gallons and KD by station.
import { answer, api, type ApiClient, type Schema } from '../../api/index.js';
import { toWesternDigits } from '../../lib/digits.js';

export type PrepaidOperator = Schema<'PrepaidOperator'>;
export type PrepaidStatement = Schema<'PrepaidStatement'>;
export type PrepaidTopup = Schema<'PrepaidTopup'>;
export type StationReport = Schema<'PrepaidStationReport'>;
export type ReportGrouping = StationReport['by'];

export async function myWallets(client: ApiClient = api, signal?: AbortSignal): Promise<PrepaidOperator[]> {
  return (await answer(client.GET('/api/v1/prepaid/my-operators', { signal }))).operators;
}

export function walletStatement(operatorId: string, client: ApiClient = api, signal?: AbortSignal): Promise<PrepaidStatement> {
  return answer(client.GET('/api/v1/prepaid/operators/{id}/statement', { params: { path: { id: operatorId } }, signal }));
}

/** Issues the top-up payable; the caller then starts its checkout, exactly as for a bill. */
export function requestTopup(operatorId: string, amount: string, client: ApiClient = api): Promise<PrepaidTopup> {
  return answer(client.POST('/api/v1/prepaid/operators/{id}/topups', { params: { path: { id: operatorId } }, body: { amount } }));
}

export function stationReport(query: { from: string; to: string; by: ReportGrouping }, client: ApiClient = api, signal?: AbortSignal): Promise<StationReport> {
  return answer(client.GET('/api/v1/prepaid/reports/stations', { params: { query }, signal }));
}

/** A top-up amount as the person typed it ("5", "5.5", "٥٫٥"), as the API wants it in KWD's 3 decimals ("5.500"), or null. */
export function normaliseTopupAmount(text: string, scale = 3): string | null {
  const match = /^\s*(\d{1,6})(?:[.,\u066b](\d+))?\s*$/.exec(toWesternDigits(text));
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > scale) return null;
  const amount = `${match[1]!.replace(/^0+(?=\d)/, '')}.${fraction.padEnd(scale, '0')}`;
  return /[1-9]/.test(amount) ? amount : null;
}
