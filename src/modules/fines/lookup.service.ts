// Looking violations up by plate or civil ID. Anyone may look (a fine is paid by whoever holds the plate
// number), but only the owner and traffic staff see the full record: evidence, time, place, coordinates and speed
// say where a person was and when. A stranger gets what paying needs and nothing more: the open violations only
// (not the history), each with its type, amount and due date, a masked plate, and no day, speed, civil ID or
// objection.
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { localDate } from '../../platform/clock.js';
import { formatAmount } from '../../shared/money.js';
import { amountDue, payables, type Payable } from '../billers/index.js';
import { actorRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { checkCivilId } from '../identity/index.js';
import { plateOf } from './vehicles.service.js';
import * as store from './violations.store.js';

const STAFF_ROLES = new Set(['officer', 'admin', 'cashier']);

export type ViolationStatus = 'unpaid' | 'partially_paid' | 'paid' | 'cancelled';

export interface ViolationView {
  id: string;
  violationNumber: string;
  plate: string;
  detail: 'full' | 'masked';
  type: { code: string; nameAr: string; nameEn: string };
  occurredOn?: string;
  amount: string;
  amountDue: string;
  currency: string;
  status: ViolationStatus;
  payableId: string | null;
  dueDate: string | null;
  payableOnline: boolean;
  holdReason: { ar: string; en: string } | null;
  objection: { id: string; status: string } | null;
  ownerCivilId: string | null;
  speedKmh: number | null;
  limitKmh: number | null;
  occurredAt?: string;
  place?: { ar: string; en: string; latitude: number | null; longitude: number | null };
  evidenceRef?: string | null;
  recordedAt?: string;
  notifiedAt?: string | null;
}

export function seesFullRecord(actor: Actor, violation: Pick<store.ViolationRow, 'ownerCivilId' | 'recordedByKind' | 'recordedById'>): boolean {
  if (actor.kind === 'person') return violation.ownerCivilId !== null && actor.civilId === violation.ownerCivilId;
  // The camera network or officer that reported it sees what it reported.
  if (actor.kind !== 'anonymous' && actor.kind === violation.recordedByKind && actor.id === violation.recordedById) return true;
  const role = actorRole(actor);
  return role !== null && STAFF_ROLES.has(role);
}

/** Every look-up is audited (one insert), as payments' dues inquiry is: who asked about which plate or civil ID. */
export async function lookupViolations(ctx: Ctx, actor: Actor, query: { plate?: string; civilId?: string }): Promise<ViolationView[]> {
  const subject = query.plate ? { plate: plateOf(ctx, query.plate) } : query.civilId ? { ownerCivilId: checkCivilId(ctx, query.civilId) } : undefined;
  if (!subject) throw new AppError('lookup_subject_required');
  const rows = await store.findViolations(ctx.db, subject);
  await recordAudit(ctx, actor, {
    action: 'violations.lookup', entityType: 'lookup', entityId: subject.plate ? `plate:${subject.plate}` : `civilId:${subject.ownerCivilId}`, detail: { found: rows.length },
  });
  const views = await presentViolations(ctx, actor, rows);
  // A stranger is told what is left to pay, not what was paid or cancelled before.
  return views.filter((view) => view.detail === 'full' || view.status === 'unpaid' || view.status === 'partially_paid');
}

export async function getViolation(ctx: Ctx, actor: Actor, id: string): Promise<ViolationView> {
  const row = await store.findViolation(ctx.db, id);
  if (!row) throw new AppError('violation_not_found');
  const [view] = await presentViolations(ctx, actor, [row]);
  return view!;
}

export async function presentViolations(ctx: Ctx, actor: Actor, rows: store.ViolationRow[]): Promise<ViolationView[]> {
  if (rows.length === 0) return [];
  const [types, payableRows, objections] = await Promise.all([
    store.listViolationTypes(ctx.db),
    payables.findMany(ctx, rows.flatMap((r) => (r.payableId ? [r.payableId] : []))),
    store.objectionsOfViolations(ctx.db, rows.map((r) => r.id)),
  ]);
  const typeByCode = new Map(types.map((t) => [t.code, t]));
  const payableById = new Map(payableRows.map((p) => [p.id, p]));
  const objectionByViolation = new Map(objections.map((o) => [o.violationId, o]));
  return rows.map((row) => presentViolation(row, typeByCode.get(row.typeCode)!, row.payableId ? payableById.get(row.payableId) : undefined,
    objectionByViolation.get(row.id), seesFullRecord(actor, row), ctx.config.TZ_BUSINESS));
}

function presentViolation(row: store.ViolationRow, type: store.ViolationTypeRow, payable: Payable | undefined, objection: store.ObjectionRow | undefined, full: boolean, timeZone: string): ViolationView {
  const payableOnline = payable?.payableOnline ?? type.payableOnline;
  const holdAr = payable?.holdReasonAr ?? type.holdReasonAr;
  const holdEn = payable?.holdReasonEn ?? type.holdReasonEn;
  const base: ViolationView = {
    id: row.id,
    violationNumber: row.violationNumber,
    // A stranger who typed a civil ID must not learn that person's plates; one who typed the plate knows it anyway.
    plate: full ? row.plate : maskPlate(row.plate),
    detail: full ? 'full' : 'masked',
    type: { code: type.code, nameAr: type.nameAr, nameEn: type.nameEn },
    amount: formatAmount(row.amount, row.currency),
    amountDue: formatAmount(payable && row.status === 'active' ? amountDue(payable) : 0n, row.currency),
    currency: row.currency,
    status: statusOf(row, payable),
    payableId: row.payableId,
    dueDate: payable?.dueDate ?? null,
    payableOnline,
    holdReason: !payableOnline && holdAr && holdEn ? { ar: holdAr, en: holdEn } : null,
    objection: null,
    ownerCivilId: null,
    speedKmh: null,
    limitKmh: null,
  };
  if (!full) return base;
  return {
    ...base,
    occurredOn: localDate(row.occurredAt, timeZone),
    objection: objection ? { id: objection.id, status: objection.status } : null,
    ownerCivilId: row.ownerCivilId,
    speedKmh: row.speedKmh,
    limitKmh: row.limitKmh,
    occurredAt: row.occurredAt.toISOString(),
    place: { ar: row.placeAr, en: row.placeEn, latitude: row.latitude, longitude: row.longitude },
    evidenceRef: row.evidenceRef,
    recordedAt: row.createdAt.toISOString(),
    notifiedAt: row.notifiedAt?.toISOString() ?? null,
  };
}

// 12/34567 becomes **/***67 (stars for all but the last two digits): enough to tell one's own cars apart, not
// enough to learn someone's plate.
export function maskPlate(plate: string): string {
  return plate.slice(0, -2).replace(/[0-9A-Z]/g, '*') + plate.slice(-2);
}

function statusOf(row: store.ViolationRow, payable: Payable | undefined): ViolationStatus {
  if (row.status === 'cancelled' || payable?.status === 'cancelled') return 'cancelled';
  if (payable?.status === 'paid') return 'paid';
  if (payable?.status === 'partially_paid') return 'partially_paid';
  return 'unpaid';
}
