// Offices and their counters are data an admin adds. Every office collects for every biller and every address.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../shared/ids.js';
import * as store from './counter.store.js';

// Codes head every receipt number (SALMIYA-C01-000123). The payments module's own receipt points (WEB, BNK, CTR,
// CRD, and KSK for the kiosks) are reserved so an office's numbers can never collide with theirs.
const RESERVED_OFFICE_CODES = new Set(['WEB', 'BNK', 'CTR', 'CRD', 'KSK']);

export interface OfficeInput { code: string; nameAr: string; nameEn: string; areaAr?: string; areaEn?: string }
export interface CounterInput { code: string; nameAr: string; nameEn: string }
export type OfficeWithCounters = store.OfficeRow & { counters: store.CounterRow[] };

export async function createOffice(ctx: Ctx, actor: Actor, input: OfficeInput): Promise<store.OfficeRow> {
  requireRole(actor, 'admin');
  if (RESERVED_OFFICE_CODES.has(input.code)) throw new AppError('counter_office_code_reserved', { code: input.code });
  return inTransaction(ctx, async (tx) => {
    const office = await store.insertOffice(tx.db, {
      id: newId('off'), code: input.code, nameAr: input.nameAr, nameEn: input.nameEn, areaAr: input.areaAr ?? '', areaEn: input.areaEn ?? '', createdAt: tx.clock.now(),
    });
    if (!office) throw new AppError('counter_office_exists', { code: input.code });
    await recordAudit(tx, actor, { action: 'counter.office.create', entityType: 'counter_office', entityId: office.id, detail: { code: office.code } });
    return office;
  });
}

export async function addCounter(ctx: Ctx, actor: Actor, officeCode: string, input: CounterInput): Promise<store.CounterRow> {
  requireRole(actor, 'admin');
  const office = await store.findOfficeByCode(ctx.db, officeCode);
  if (!office) throw new AppError('counter_office_unknown', { officeCode });
  return inTransaction(ctx, async (tx) => {
    const counter = await store.insertCounter(tx.db, { id: newId('ctr'), officeId: office.id, code: input.code, nameAr: input.nameAr, nameEn: input.nameEn, createdAt: tx.clock.now() });
    if (!counter) throw new AppError('counter_exists', { officeCode, code: input.code });
    await recordAudit(tx, actor, { action: 'counter.counter.create', entityType: 'counter', entityId: counter.id, detail: { officeCode, code: counter.code } });
    return counter;
  });
}

/** Every office with its counters for an admin; a cashier's or supervisor's own office only. */
export async function listOffices(ctx: Ctx, actor: Actor): Promise<OfficeWithCounters[]> {
  requireRole(actor, 'admin', 'supervisor', 'cashier');
  let offices = await store.listOffices(ctx.db);
  if (actor.role !== 'admin') offices = offices.filter((o) => actor.kind === 'staff' && o.code === actor.unit);
  const counters = await store.countersOf(ctx.db, offices.map((o) => o.id));
  return offices.map((office) => ({ ...office, counters: counters.filter((c) => c.officeId === office.id) }));
}
