// Traffic violations as the portal reads them: src/modules/fines/fines.schemas.ts (`violationSchema`).
import { api, type ApiClient } from '../../api/index.js';

export interface Violation {
  id: string;
  violationNumber: string;
  plate: string;
  detail: 'full' | 'masked';
  type: { code: string; nameAr: string; nameEn: string };
  occurredOn: string;
  occurredAt?: string;
  amount: string;
  amountDue: string;
  currency: string;
  status: 'unpaid' | 'partially_paid' | 'paid' | 'cancelled';
  payableId: string | null;
  payableOnline: boolean;
  holdReason: { ar: string; en: string } | null;
  objection: { id: string; status: string } | null;
  ownerCivilId: string | null;
  speedKmh: number | null;
  limitKmh: number | null;
  place?: { ar: string; en: string; latitude: number | null; longitude: number | null };
}

export interface Objection {
  id: string;
  violationId: string;
  status: 'pending' | 'upheld' | 'cancelled';
  reason: string;
  createdAt: string;
}

export async function violationsOf(civilId: string, options: { client?: ApiClient; signal?: AbortSignal } = {}): Promise<Violation[]> {
  const body = await (options.client ?? api).get<{ violations: Violation[] }>('/api/v1/violations', { civilId }, options.signal);
  return body.violations;
}

export async function fileObjection(violationId: string, reason: string, client: ApiClient = api): Promise<Objection> {
  return client.post<Objection>(`/api/v1/violations/${encodeURIComponent(violationId)}/objections`, { reason });
}

/** The minimum the fines API accepts for a reason (objectionBody: 5 to 2000 characters after trimming). */
export const OBJECTION_REASON = { min: 5, max: 2000 } as const;

export function isOpen(violation: Violation): boolean {
  return violation.status === 'unpaid' || violation.status === 'partially_paid';
}
