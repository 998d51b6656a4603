// Who may act at which office. A cashier and a supervisor are bound to one office by the office code in their
// staff record's `unit`; an admin may act for any office (and is the only one who adds offices and counters).
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { requireRole, type Actor, type Role } from '../../platform/actor.js';
import * as store from './counter.store.js';

/** The office the signed-in cashier or supervisor works at. */
export async function officeOfStaff(ctx: Ctx, actor: Actor, ...roles: Role[]): Promise<store.OfficeRow> {
  requireRole(actor, ...roles);
  if (actor.kind !== 'staff' || !actor.unit) throw new AppError('counter_not_bound');
  const office = await store.findOfficeByCode(ctx.db, actor.unit);
  if (!office || !office.active) throw new AppError('counter_not_bound', { unit: actor.unit });
  return office;
}

/** An office a supervisor (their own only) or an admin (any) may manage. */
export async function officeToManage(ctx: Ctx, actor: Actor, officeCode: string): Promise<store.OfficeRow> {
  requireRole(actor, 'supervisor', 'admin');
  const office = await store.findOfficeByCode(ctx.db, officeCode);
  if (!office) throw new AppError('counter_office_unknown', { officeCode });
  if (actor.role !== 'admin' && (actor.kind !== 'staff' || actor.unit !== office.code)) throw new AppError('counter_not_bound', { officeCode });
  return office;
}
