// The steps of a request: submitted → accepted → (fee paid) → scheduled → in progress → done, or rejected from
// any open step. Only `service` staff (or an admin) move a request; the citizen follows it and comments. Each step
// is audited, written to the request's history and sent to the citizen (requests.notify.ts).
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireRole, requireSelfOrRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { businessToday } from '../../platform/clock.js';
import { newId } from '../../shared/ids.js';
import { issuePayable, payables } from '../billers/index.js';
import * as store from './requests.store.js';
import { notifyChange } from './requests.notify.js';
import { decideDisputedBill } from './dispute.service.js';

export type Step = 'accept' | 'schedule' | 'start' | 'complete' | 'reject';

const STEPS: Record<Step, { from: store.RequestStatus[]; to: store.RequestStatus }> = {
  accept: { from: ['submitted'], to: 'accepted' },
  schedule: { from: ['accepted'], to: 'scheduled' },
  start: { from: ['scheduled'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'done' },
  reject: { from: ['submitted', 'accepted', 'scheduled', 'in_progress'], to: 'rejected' },
};

export const OPEN_STATUSES: store.RequestStatus[] = ['submitted', 'accepted', 'scheduled', 'in_progress'];

export interface StepInput {
  step: Step;
  note?: string;
  /** For `schedule`: when the visit is planned. */
  scheduledFor?: Date;
  /** For `complete` of a bill dispute: how much to take off the bill (minor units; 0 or absent: dismissed). */
  adjustment?: bigint;
}

async function loadForUpdate(ctx: Ctx, id: string): Promise<store.RequestRow> {
  const request = await store.findRequest(ctx.db, id, { lock: true });
  if (!request) throw new AppError('request_not_found', { id });
  return request;
}

export async function feePaid(ctx: Ctx, request: store.RequestRow): Promise<boolean> {
  if (!request.feePayableId) return true;
  const payable = await payables.find(ctx, request.feePayableId);
  return payable?.status === 'paid';
}

/** Issues the type's fee as a payable of its biller (idempotent per request), when the request is accepted. */
async function issueFee(ctx: Ctx, request: store.RequestRow, type: store.RequestTypeRow): Promise<string | null> {
  if (type.fee === 0n) return null;
  const today = businessToday(ctx);
  const due = new Date(Date.parse(today) + 14 * 86_400_000).toISOString().slice(0, 10);
  const { payable } = await issuePayable(ctx, {
    billerCode: type.billerCode, kind: 'bill', sourceId: `request-fee:${request.id}`, reference: request.number,
    personId: request.personId, civilId: request.civilId, accountNumber: null, amount: type.fee, issuedOn: today, dueDate: due,
    descriptionAr: `رسوم طلب ${type.nameAr} رقم ${request.number}`, descriptionEn: `${type.nameEn} request fee ${request.number}`,
    ledgerMemo: { requestNumber: request.number },
  });
  return payable.id;
}

export async function moveRequest(ctx: Ctx, actor: Actor, id: string, input: StepInput): Promise<store.RequestRow> {
  requireRole(actor, 'service', 'admin');
  const rule = STEPS[input.step];
  return inTransaction(ctx, async (tx) => {
    const request = await loadForUpdate(tx, id);
    if (!rule.from.includes(request.status)) throw new AppError('request_step_not_allowed', { status: request.status, step: input.step });
    const type = (await store.findType(tx.db, request.typeCode))!;
    if (input.step === 'reject' && !input.note?.trim()) throw new AppError('request_reason_required');
    if (input.step === 'schedule' && type.feeBeforeWork && !(await feePaid(tx, request))) throw new AppError('request_fee_unpaid', { payableId: request.feePayableId });
    const now = tx.clock.now();
    const set: Partial<store.RequestRow> = { status: rule.to, statusSince: now, escalatedAt: null, updatedAt: now };
    if (input.step === 'accept') set.feePayableId = await issueFee(tx, request, type);
    if (input.step === 'schedule') set.scheduledFor = input.scheduledFor ?? null;
    if (input.step === 'reject' || input.step === 'complete') set.decisionNote = input.note?.trim() || null;
    // A dispute's bill stays held until the request ends, whichever way; only completion may lower it.
    const adjusted = request.disputedPayableId && (rule.to === 'done' || rule.to === 'rejected')
      ? await decideDisputedBill(tx, id, request.disputedPayableId, rule.to === 'done' ? input.adjustment ?? 0n : 0n) : undefined;
    await store.updateRequest(tx.db, id, set);
    await store.insertEvent(tx.db, { id: newId('sre'), requestId: id, kind: 'status', fromStatus: request.status, toStatus: rule.to, body: input.note?.trim() || null, actorKind: actor.kind, actorId: actor.id, at: now });
    await recordAudit(tx, actor, { action: `request.${input.step}`, entityType: 'service_request', entityId: id, detail: { from: request.status, to: rule.to, feePayableId: set.feePayableId ?? request.feePayableId, disputedPayableId: request.disputedPayableId, adjustment: adjusted } });
    const updated = { ...request, ...set };
    await notifyChange(tx, updated, type, input.note?.trim() ?? '');
    return updated;
  });
}

/** A comment by the citizen on their own request, or by staff; kept in the request's history and audited. */
export async function commentOnRequest(ctx: Ctx, actor: Actor, id: string, body: string): Promise<void> {
  const text = body.trim();
  if (text === '' || text.length > 2000) throw new AppError('validation_failed', { field: 'body' });
  await inTransaction(ctx, async (tx) => {
    const request = await loadForUpdate(tx, id);
    requireSelfOrRole(actor, request.civilId, 'service', 'admin');
    if (actor.kind === 'anonymous') return;
    await store.insertEvent(tx.db, { id: newId('sre'), requestId: id, kind: 'comment', fromStatus: null, toStatus: null, body: text, actorKind: actor.kind, actorId: actor.id, at: tx.clock.now() });
    await recordAudit(tx, actor, { action: 'request.commented', entityType: 'service_request', entityId: id });
  });
}

/** One request with its history and attachment list, for its citizen or staff. */
export async function getRequest(ctx: Ctx, actor: Actor, id: string) {
  const request = await store.findRequest(ctx.db, id);
  if (!request) throw new AppError('request_not_found', { id });
  requireSelfOrRole(actor, request.civilId, 'service', 'admin');
  return { request, feePaid: await feePaid(ctx, request), history: await store.historyOf(ctx.db, id), attachments: await store.attachmentsOf(ctx.db, id) };
}

export async function myRequests(ctx: Ctx, actor: Actor, civilId: string) {
  requireSelfOrRole(actor, civilId, 'service', 'admin');
  return store.requestsOf(ctx.db, civilId);
}

/** Staff work queue: open requests of an office and/or type, oldest step first. */
export async function workQueue(ctx: Ctx, actor: Actor, filter: { office?: string; typeCode?: string }) {
  requireRole(actor, 'service', 'admin');
  return store.queue(ctx.db, { ...filter, statuses: OPEN_STATUSES });
}
