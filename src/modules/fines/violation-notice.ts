// What the owner is told when a violation is recorded (or matched to them later): the `violation.recorded` event
// with its template values already formatted, in both languages. Notifications picks the language and channel.
import { localDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { formatAmount } from '../../shared/money.js';
import { emitEvent } from '../../platform/outbox.js';
import type { ViolationRow, ViolationTypeRow } from './violations.store.js';

/** "2026-03-14 21:05" in the deployment's time zone: what a person reads on a ticket. */
export function localDateTime(at: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${localDate(at, timeZone)} ${time}`;
}

/**
 * The portal page that shows what is owed on this plate, ready to pay. Kept short: in an Arabic SMS (UCS-2, 67
 * characters a segment) every character of the link counts, and the violation number is in the text already.
 */
export function payUrlFor(ctx: Ctx, violation: Pick<ViolationRow, 'plate'>): string {
  return `${ctx.config.publicUrl}/?${new URLSearchParams({ plate: violation.plate }).toString()}`;
}

export function violationVars(ctx: Ctx, violation: ViolationRow, type: ViolationTypeRow): Record<string, string> {
  return {
    violationNumber: violation.violationNumber,
    typeAr: type.nameAr,
    typeEn: type.nameEn,
    occurredAt: localDateTime(violation.occurredAt, ctx.config.TZ_BUSINESS),
    placeAr: violation.placeAr,
    placeEn: violation.placeEn,
    amount: formatAmount(violation.amount, violation.currency),
    currency: violation.currency,
    plate: violation.plate,
    payUrl: payUrlFor(ctx, violation),
    payableOnline: type.payableOnline ? 'yes' : 'no',
    ...(type.payableOnline ? {} : { holdReasonAr: type.holdReasonAr ?? '', holdReasonEn: type.holdReasonEn ?? '' }),
  };
}

/** Writes the owner's notice to the outbox in the caller's transaction; once per violation whatever happens. */
export async function emitViolationRecorded(ctx: Ctx, recipient: { personId: string | null; civilId: string }, violation: ViolationRow, type: ViolationTypeRow): Promise<void> {
  await emitEvent(ctx, 'violation.recorded', {
    personId: recipient.personId,
    civilId: recipient.civilId,
    violationId: violation.id,
    payableId: violation.payableId,
    vars: violationVars(ctx, violation, type),
  }, { dedupeKey: `violation.recorded:${violation.id}` });
}
