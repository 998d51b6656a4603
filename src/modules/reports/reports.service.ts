// Read-only reports. Collections of a day: what was collected, by channel and by biller, on one business day
// (Asia/Kuwait by default). And the demo's facts for the portal's home page (who to try, where the inboxes are).
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { localDate, localDayBounds } from '../../platform/clock.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { findPersonIdByCivilId } from '../identity/index.js';
import { DEMO_PASSWORD, DEMO_STAFF } from '../../db/seed/demo-accounts.js';
import { demoPeople } from '../../db/seed/foundation.seed.js';
import * as store from './reports.store.js';


export interface DayCollections {
  date: string;
  timeZone: string;
  from: Date;
  to: Date;
  byChannel: { channel: string; currency: string; count: number; amount: bigint }[];
  byBiller: { billerCode: string; nameAr: string; nameEn: string; currency: string; count: number; amount: bigint }[];
  refunds: { currency: string; count: number; amount: bigint }[];
  totals: { currency: string; collected: bigint; refunded: bigint; net: bigint; payments: number }[];
}

/** Admins only: the day's collections. `date` defaults to today in the business time zone. */
export async function collectionsOfDay(ctx: Ctx, actor: Actor, date?: string): Promise<DayCollections> {
  requireRole(actor, 'admin');
  const timeZone = ctx.config.TZ_BUSINESS;
  const day = date ?? localDate(ctx.clock.now(), timeZone);
  const { from, to } = businessDayWindow(day, timeZone);
  const [channels, billerRows, refundRows] = await Promise.all([
    store.collectedByChannel(ctx.db, from, to),
    store.collectedByBiller(ctx.db, from, to),
    store.refundedInWindow(ctx.db, from, to),
  ]);
  const byChannel = channels.map((row) => ({ ...row, count: Number(row.count), amount: BigInt(row.amount) }));
  const byBiller = billerRows.map((row) => ({ ...row, count: Number(row.count), amount: BigInt(row.amount) }));
  const refunds = refundRows.map((row) => ({ ...row, count: Number(row.count), amount: BigInt(row.amount) }));

  const totals = new Map<string, { currency: string; collected: bigint; refunded: bigint; net: bigint; payments: number }>();
  const totalOf = (currency: string) => {
    let total = totals.get(currency);
    if (!total) totals.set(currency, (total = { currency, collected: 0n, refunded: 0n, net: 0n, payments: 0 }));
    return total;
  };
  for (const row of byChannel) {
    const total = totalOf(row.currency);
    total.collected += row.amount;
    total.payments += row.count;
  }
  for (const row of refunds) totalOf(row.currency).refunded += row.amount;
  for (const total of totals.values()) total.net = total.collected - total.refunded;
  return { date: day, timeZone, from, to, byChannel, byBiller, refunds, totals: [...totals.values()] };
}

/** [midnight, next midnight) of a calendar day in a time zone, as instants. Checks the date is a real one. */
export function businessDayWindow(day: string, timeZone: string): { from: Date; to: Date } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const [year, month, date] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const utcMidnight = Date.UTC(year, month - 1, date);
  if (!match || Number.isNaN(utcMidnight) || new Date(utcMidnight).toISOString().slice(0, 10) !== day) {
    throw new AppError('report_date_invalid', { date: day });
  }
  return localDayBounds(day, timeZone);
}

export interface DemoFacts {
  citizen: { civilId: string; nameAr: string; nameEn: string };
  password: string;
  staff: { username: string; role: string }[];
  inboxes: { sms: string | null; email: string | null };
}

/**
 * What a new user needs to try the demo: the printed demo citizen, the shared demo password, the staff sign-ins
 * and the simulators' inbox pages. Only when this server carries the demo data set (the demo citizen exists) and
 * is not a production deployment; otherwise it does not exist (404), so nothing about the demo leaks into a real one.
 */
export async function demoFacts(ctx: Ctx, services: Record<string, unknown> | undefined): Promise<DemoFacts> {
  const [citizen] = demoPeople(1);
  if (ctx.config.NODE_ENV === 'production' || !citizen || !(await findPersonIdByCivilId(ctx, citizen.civilId))) {
    throw new AppError('demo_not_running');
  }
  return {
    citizen: { civilId: citizen.civilId, nameAr: citizen.nameAr, nameEn: citizen.nameEn },
    password: DEMO_PASSWORD,
    staff: DEMO_STAFF.map((s) => ({ username: s.username, role: s.role })),
    inboxes: { sms: inboxUrlOf(services?.smsc), email: inboxUrlOf(services?.mail) },
  };
}

/** The simulators put `{ inboxUrl }` into services (src/dev/smsc/smsc.demo.ts, src/dev/mail/mail.demo.ts). */
function inboxUrlOf(service: unknown): string | null {
  if (!service || typeof service !== 'object') return null;
  const url = (service as { inboxUrl?: unknown }).inboxUrl;
  return typeof url === 'string' && /^https?:\/\//.test(url) ? url : null;
}
