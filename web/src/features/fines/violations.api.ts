// Traffic violations as the portal reads them (`Violation`, `ViolationObjection` in the generated API types).
import { answer, api, type ApiClient, type Schema } from '../../api/index.js';

export type Violation = Schema<'Violation'>;
export type Objection = Schema<'ViolationObjection'>;

export async function violationsOf(civilId: string, options: { client?: ApiClient; signal?: AbortSignal } = {}): Promise<Violation[]> {
  const body = await answer((options.client ?? api).GET('/api/v1/violations', { params: { query: { civilId } }, signal: options.signal }));
  return body.violations;
}

export function fileObjection(violationId: string, reason: string, client: ApiClient = api): Promise<Objection> {
  return answer(client.POST('/api/v1/violations/{id}/objections', { params: { path: { id: violationId } }, body: { reason } }));
}

/** The minimum the fines API accepts for a reason (objectionBody: 5 to 2000 characters after trimming). */
export const OBJECTION_REASON = { min: 5, max: 2000 } as const;

export function isOpen(violation: Violation): boolean {
  return violation.status === 'unpaid' || violation.status === 'partially_paid';
}
