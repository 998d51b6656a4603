// Payments and receipts as the portal reads them (`Payment`, `Receipt` in the generated API types). A receipt's
// PDF and verification page are served by the payments module itself.
import { answer, api, type ApiClient, type Schema } from '../../api/index.js';

export type PaymentSummary = Schema<'Payment'>;
export type Receipt = Schema<'Receipt'>;

/** The signed-in person's payments, newest first (GET /api/v1/me/payments). */
export async function myPayments(client: ApiClient = api, signal?: AbortSignal): Promise<PaymentSummary[]> {
  return (await answer(client.GET('/api/v1/me/payments', { signal }))).payments;
}

export function fetchReceipt(receiptNumber: string, client: ApiClient = api, signal?: AbortSignal): Promise<Receipt> {
  return answer(client.GET('/api/v1/receipts/{receiptNumber}', { params: { path: { receiptNumber } }, signal }));
}

export function receiptPdfUrl(receiptNumber: string, language: 'ar' | 'en'): string {
  return `/api/v1/receipts/${encodeURIComponent(receiptNumber)}/pdf?lang=${language}`;
}
