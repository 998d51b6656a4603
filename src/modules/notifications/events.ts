// The events other modules raise. They only write an outbox row (in their own transaction); the notifications
// workers turn each into SMS and email per the person's preferences and language.
import type { Ctx } from '../../shared/context.js';
import { writeOutbox } from './outbox.store.js';

export interface EventPayloads {
  'bill.issued': { payableId: string; billId: string; personId: string | null };
  'bill.due_soon': { payableId: string; personId: string | null; dueDate: string };
  'payment.received': { paymentId: string; receiptNumber: string; personId: string | null };
  'violation.recorded': { violationId: string; payableId: string | null; personId: string | null };
  'violation.reminder': { personId: string; kind: 'licence_expiry' | 'registration_expiry' | 'inspection_due'; subjectId: string; dueDate: string };
  [topic: string]: Record<string, unknown>;
}

export async function emitEvent<T extends keyof EventPayloads & string>(ctx: Ctx, topic: T, payload: EventPayloads[T], options: { dedupeKey?: string; availableAt?: Date } = {}): Promise<bigint | undefined> {
  return writeOutbox(ctx.db, { topic, payload, dedupeKey: options.dedupeKey, availableAt: options.availableAt });
}
