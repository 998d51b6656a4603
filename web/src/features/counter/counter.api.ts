// The counter's API calls (cashier: drawer, dues, payments; supervisor: the day's payments, void, day report and
// close), typed from the generated OpenAPI types.
import { answer, api, type ApiClient, type RequestBody, type Schema } from '../../api/index.js';
import type { Dues } from '../quick-pay/dues.api.js';
import type { LookupKind } from '../quick-pay/dues.api.js';

export type Drawer = Schema<'CounterDrawer'>;
export type CounterPayment = Schema<'CounterPayment'>;
export type DayReport = Schema<'CounterDayReport'>;
export type Office = Schema<'CounterOffice'>;
export type CounterPaymentInput = RequestBody<'/api/v1/counter/payments', 'post'>;
export type ReceiptBlock = Schema<'CounterReceiptBlock'>;
export type OfflineLimits = Schema<'CounterOfflineLimits'>;

export async function myOffices(client: ApiClient = api): Promise<Office[]> {
  return (await answer(client.GET('/api/v1/counter/offices'))).offices;
}

export async function currentDrawer(client: ApiClient = api): Promise<Drawer | null> {
  return (await answer(client.GET('/api/v1/counter/drawers/current'))).drawer;
}

export function openDrawer(counterCode: string, openingFloat: string, client: ApiClient = api): Promise<Drawer> {
  return answer(client.POST('/api/v1/counter/drawers', { body: { counterCode, openingFloat } }));
}

export function closeDrawer(drawerId: string, countedCash: string, client: ApiClient = api): Promise<Drawer> {
  return answer(client.POST('/api/v1/counter/drawers/{drawerId}/close', { params: { path: { drawerId } }, body: { countedCash } }));
}

export async function counterDues(kind: LookupKind, value: string, client: ApiClient = api): Promise<Dues> {
  return answer(client.GET('/api/v1/counter/dues', { params: { query: { [kind]: value } } }));
}

/** A block of the counter's receipt numbers for payments taken while offline (needs the open drawer). */
export function allocateReceiptBlock(client: ApiClient = api): Promise<ReceiptBlock> {
  return answer(client.POST('/api/v1/counter/receipt-blocks'));
}

export function setOfflineLimits(officeCode: string, limits: { maxPerPayment: string | null; maxTotal: string | null }, client: ApiClient = api): Promise<Office> {
  return answer(client.PUT('/api/v1/counter/offices/{officeCode}/offline-limits', { params: { path: { officeCode } }, body: limits }));
}

export function takePayment(input: CounterPaymentInput, client: ApiClient = api): Promise<CounterPayment> {
  return answer(client.POST('/api/v1/counter/payments', { body: input }));
}

export async function dayPayments(officeCode: string, date: string, client: ApiClient = api): Promise<CounterPayment[]> {
  return (await answer(client.GET('/api/v1/counter/offices/{officeCode}/payments', { params: { path: { officeCode }, query: { date } } }))).payments;
}

export function voidPayment(id: string, reason: string, client: ApiClient = api) {
  return answer(client.POST('/api/v1/counter/payments/{id}/void', { params: { path: { id } }, body: { reason } }));
}

export function dayReport(officeCode: string, date: string, client: ApiClient = api): Promise<DayReport> {
  return answer(client.GET('/api/v1/counter/offices/{officeCode}/day-report', { params: { path: { officeCode }, query: { date } } }));
}

export function closeDay(officeCode: string, date: string, client: ApiClient = api): Promise<DayReport> {
  return answer(client.POST('/api/v1/counter/offices/{officeCode}/day-close', { params: { path: { officeCode } }, body: { date } }));
}

/** A counter payment's own id, made once per payment on this page: the server posts once per id. */
export function newCounterPaymentId(random = () => crypto.getRandomValues(new Uint32Array(2))): string {
  const [a, b] = random();
  return `ctr-${Date.now().toString(36)}-${a!.toString(36)}${b!.toString(36)}`;
}
