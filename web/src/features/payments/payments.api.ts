// Payments and receipts as the portal reads them (`Payment`, `PaymentResult`, `Receipt` in the generated API types).
// A receipt's PDF and verification page are served by the payments module itself.
import { answer, api, type ApiClient, type Schema } from '../../api/index.js';

export type PaymentSummary = Schema<'Payment'>;
export type PaymentResult = Schema<'PaymentResult'>;
export type Receipt = Schema<'Receipt'>;

/** The signed-in person's payments, newest first (GET /api/v1/me/payments). */
export async function myPayments(client: ApiClient = api, signal?: AbortSignal): Promise<PaymentSummary[]> {
  return (await answer(client.GET('/api/v1/me/payments', { signal }))).payments;
}

/** A payment as its payer comes back from the gateway; the server asks the gateway first if it is still pending. */
export function fetchPaymentResult(paymentId: string, client: ApiClient = api, signal?: AbortSignal): Promise<PaymentResult> {
  return answer(client.GET('/api/v1/payments/{paymentId}/result', { params: { path: { paymentId } }, signal }));
}

/** `sig` (from the receipt's verification link) lets a payer who did not sign in read their own receipt. */
export function fetchReceipt(receiptNumber: string, client: ApiClient = api, signal?: AbortSignal, sig?: string): Promise<Receipt> {
  return answer(client.GET('/api/v1/receipts/{receiptNumber}', { params: { path: { receiptNumber }, query: sig ? { sig } : {} }, signal }));
}

export function receiptPdfUrl(receiptNumber: string, language: 'ar' | 'en', sig?: string): string {
  return `/api/v1/receipts/${encodeURIComponent(receiptNumber)}/pdf?lang=${language}${sig ? `&sig=${encodeURIComponent(sig)}` : ''}`;
}

/** The signature the receipt's verification link carries (`…/r/<number>?sig=…`), or undefined. */
export function signatureOf(verifyUrl: string | null): string | undefined {
  if (!verifyUrl) return undefined;
  try {
    return new URL(verifyUrl, 'http://localhost').searchParams.get('sig') ?? undefined;
  } catch {
    return undefined;
  }
}
