// The requests module's tables: types, requests, their attachments and their history (steps, comments).
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { requestAttachments, requestEvents, requestTypes, serviceRequests } from '../../db/schema/requests.js';

export type RequestTypeRow = typeof requestTypes.$inferSelect;
export type RequestRow = typeof serviceRequests.$inferSelect;
export type RequestStatus = RequestRow['status'];
export type RequestEventRow = typeof requestEvents.$inferSelect;

export async function findType(db: Executor, code: string): Promise<RequestTypeRow | undefined> {
  const [row] = await db.select().from(requestTypes).where(and(eq(requestTypes.code, code), eq(requestTypes.active, true)));
  return row;
}

export async function listTypes(db: Executor): Promise<RequestTypeRow[]> {
  return db.select().from(requestTypes).where(eq(requestTypes.active, true)).orderBy(asc(requestTypes.code));
}

export async function insertRequest(db: Executor, row: typeof serviceRequests.$inferInsert): Promise<void> {
  await db.insert(serviceRequests).values(row);
}

export async function insertAttachments(db: Executor, rows: (typeof requestAttachments.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await db.insert(requestAttachments).values(rows);
}

export async function insertEvent(db: Executor, row: typeof requestEvents.$inferInsert): Promise<void> {
  await db.insert(requestEvents).values(row);
}

export async function findRequest(db: Executor, id: string, options: { lock?: boolean } = {}): Promise<RequestRow | undefined> {
  const query = db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function updateRequest(db: Executor, id: string, set: Partial<typeof serviceRequests.$inferInsert>): Promise<void> {
  await db.update(serviceRequests).set(set).where(eq(serviceRequests.id, id));
}

export async function requestsOf(db: Executor, civilId: string, limit = 100): Promise<RequestRow[]> {
  return db.select().from(serviceRequests).where(eq(serviceRequests.civilId, civilId)).orderBy(desc(serviceRequests.createdAt)).limit(limit);
}

export async function queue(db: Executor, filter: { office?: string; typeCode?: string; statuses: RequestStatus[] }, limit = 200): Promise<RequestRow[]> {
  return db.select().from(serviceRequests).where(and(
    inArray(serviceRequests.status, filter.statuses),
    filter.office ? eq(serviceRequests.office, filter.office) : undefined,
    filter.typeCode ? eq(serviceRequests.typeCode, filter.typeCode) : undefined,
  )).orderBy(asc(serviceRequests.statusSince)).limit(limit);
}

/** Open requests not yet escalated in their current step, oldest step first (the escalation job checks each). */
export async function openNotEscalated(db: Executor, limit = 500): Promise<(RequestRow & { slaHours: Record<string, number> })[]> {
  const rows = await db.select({ request: serviceRequests, slaHours: requestTypes.slaHours }).from(serviceRequests)
    .innerJoin(requestTypes, eq(requestTypes.code, serviceRequests.typeCode))
    .where(and(inArray(serviceRequests.status, ['submitted', 'accepted', 'scheduled', 'in_progress']), isNull(serviceRequests.escalatedAt)))
    .orderBy(asc(serviceRequests.statusSince)).limit(limit);
  return rows.map((r) => ({ ...r.request, slaHours: r.slaHours }));
}

export async function historyOf(db: Executor, requestId: string): Promise<RequestEventRow[]> {
  return db.select().from(requestEvents).where(eq(requestEvents.requestId, requestId)).orderBy(asc(requestEvents.at), asc(requestEvents.id));
}

export async function attachmentsOf(db: Executor, requestId: string) {
  return db.select({ id: requestAttachments.id, name: requestAttachments.name, filename: requestAttachments.filename, contentType: requestAttachments.contentType, sizeBytes: requestAttachments.sizeBytes })
    .from(requestAttachments).where(eq(requestAttachments.requestId, requestId)).orderBy(asc(requestAttachments.name));
}

/** Is a bill dispute about this account still open? The supply is never cut while one is (disconnection). */
export async function hasOpenDispute(db: Executor, accountNumber: string, disputeType: string): Promise<boolean> {
  const [row] = await db.select({ id: serviceRequests.id }).from(serviceRequests).where(and(
    eq(serviceRequests.typeCode, disputeType), eq(serviceRequests.accountNumber, accountNumber),
    inArray(serviceRequests.status, ['submitted', 'accepted', 'scheduled', 'in_progress']),
  )).limit(1);
  return row !== undefined;
}
