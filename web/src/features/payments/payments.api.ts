// Payments and receipts as the portal reads them: src/modules/payments/payments.schemas.ts (`paymentView`,
// `receiptResponse`). A receipt's PDF and verification page are served by the payments module itself.
import { api, type ApiClient, type LocalisedText } from '../../api/index.js';

export interface PaymentSummary {
  paymentId: string;
  status: string;
  channel: string;
  amount: string;
  currency: string;
  receiptNumber: string | null;
  verifyUrl: string | null;
  createdAt: string;
  postedAt: string | null;
}

export interface Receipt {
  receiptNumber: string;
  paymentId: string;
  status: 'paid' | 'partially_refunded' | 'refunded' | 'reversed';
  channel: string;
  issuingPoint: { code: string; ar: string; en: string };
  paidAt: string;
  currency: string;
  total: string;
  credit: string;
  refunded: string;
  payer: { name: LocalisedText | null; civilId: string | null };
  items: { payableId: string; biller: { code: string; nameAr: string; nameEn: string }; reference: string; description: LocalisedText; amount: string }[];
  gateway: { name: string; paymentId: string | null; authCode: string | null; reference: string | null; transactionId: string | null; trackId: string | null } | null;
  verifyUrl: string;
}

/** The signed-in person's payments, newest first (GET /api/v1/me/payments). */
export async function myPayments(client: ApiClient = api, signal?: AbortSignal): Promise<PaymentSummary[]> {
  const body = await client.get<{ payments: PaymentSummary[] }>('/api/v1/me/payments', undefined, signal);
  return body.payments;
}

export function fetchReceipt(receiptNumber: string, client: ApiClient = api, signal?: AbortSignal): Promise<Receipt> {
  return client.get<Receipt>(`/api/v1/receipts/${encodeURIComponent(receiptNumber)}`, undefined, signal);
}

export function receiptPdfUrl(receiptNumber: string, language: 'ar' | 'en'): string {
  return `/api/v1/receipts/${encodeURIComponent(receiptNumber)}/pdf?lang=${language}`;
}
