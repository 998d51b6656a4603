// Clearance: may this person or vehicle go ahead with another government transaction (renewing a registration,
// transferring a car, leaving the country)? Any unpaid violation blocks, including those held for legal process.
// Other services ask this; every answer is audited, since it reveals whether someone owes fines.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { formatAmount } from '../../shared/money.js';
import { amountDue, getBiller, payables } from '../billers/index.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { checkCivilId } from '../identity/index.js';
import { FINES_BILLER } from './recording.service.js';
import { plateOf } from './vehicles.service.js';
import * as store from './violations.store.js';

/** Who may ask: traffic staff, cashiers, and machine clients of other services (banks, government systems). */
export const CLEARANCE_ROLES = ['officer', 'admin', 'cashier', 'bank'] as const;

export interface ClearanceAnswer {
  subject: { civilId?: string; plate?: string };
  clear: boolean;
  checkedAt: string;
  totalDue: string;
  currency: string;
  blocking: {
    violationNumber: string;
    violationId: string;
    plate: string;
    typeCode: string;
    typeAr: string;
    typeEn: string;
    occurredAt: string;
    amountDue: string;
    currency: string;
    payableId: string;
    payableOnline: boolean;
  }[];
}

export async function checkClearance(ctx: Ctx, actor: Actor, query: { civilId?: string; plate?: string }): Promise<ClearanceAnswer> {
  try {
    requireRole(actor, ...CLEARANCE_ROLES);
  } catch (error) {
    // A refused clearance check is worth knowing about too; recorded outside any transaction the caller rolls back.
    await inTransaction(ctx, (tx) => recordAudit(tx, actor, { action: 'fines.clearance', entityType: 'clearance', entityId: null, outcome: 'refused', detail: { asked: Object.keys(query) } }));
    throw error;
  }
  const subject = query.civilId ? { civilId: checkCivilId(ctx, query.civilId) } : query.plate ? { plate: plateOf(ctx, query.plate) } : undefined;
  if (!subject) throw new AppError('clearance_subject_required');
  const open = (await payables.findOpen(ctx, subject, 1000)).filter((p) => p.billerCode === FINES_BILLER && p.kind === 'fine');
  const violationRows = await store.findViolationsByIds(ctx.db, open.map((p) => p.sourceId));
  const violationById = new Map(violationRows.map((v) => [v.id, v]));
  const types = new Map((await store.listViolationTypes(ctx.db)).map((t) => [t.code, t]));
  const blocking = open.flatMap((payable) => {
    const violation = violationById.get(payable.sourceId);
    if (!violation) return [];
    const type = types.get(violation.typeCode)!;
    return [{
      violationNumber: violation.violationNumber, violationId: violation.id, plate: violation.plate, typeCode: type.code,
      typeAr: type.nameAr, typeEn: type.nameEn, occurredAt: violation.occurredAt.toISOString(),
      amountDue: formatAmount(amountDue(payable), payable.currency), currency: payable.currency, payableId: payable.id,
      payableOnline: payable.payableOnline,
    }];
  });
  const { currency } = await getBiller(ctx, FINES_BILLER);
  const total = open.filter((p) => violationById.has(p.sourceId)).reduce((sum, p) => sum + amountDue(p), 0n);
  const answer: ClearanceAnswer = {
    subject, clear: blocking.length === 0, checkedAt: ctx.clock.now().toISOString(), totalDue: formatAmount(total, currency), currency, blocking,
  };
  await inTransaction(ctx, (tx) => recordAudit(tx, actor, {
    action: 'fines.clearance', entityType: 'clearance', entityId: subject.civilId ?? subject.plate,
    detail: { ...subject, clear: answer.clear, blocking: blocking.length },
  }));
  return answer;
}
