// Gallons and money by station and business day for a date range, and the seed's headline figure: KD collected,
// millions of gallons, and the price per 1,000 gallons actually obtained.
import type { Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { formatAmount } from '../../shared/money.js';
import * as store from './prepaid.store.js';

/** `from` and `to` are business days (YYYY-MM-DD), both included. */
export async function stationReport(ctx: Ctx, actor: Actor, from: string, to: string) {
  requireRole(actor, 'admin');
  const start = zonedMidnight(from, ctx.config.TZ_BUSINESS);
  const end = zonedMidnight(nextDay(to), ctx.config.TZ_BUSINESS);
  const rows = await store.dispenseTotals(ctx.db, start, end, ctx.config.TZ_BUSINESS);
  const stations = new Map((await store.listStations(ctx.db)).map((s) => [s.id, s.code]));
  let gallons = 0n;
  let amount = 0n;
  const currency = rows[0]?.currency ?? 'KWD';
  for (const row of rows) {
    gallons += BigInt(row.gallons);
    amount += BigInt(row.amount ?? '0');
  }
  return {
    from, to, currency,
    rows: rows.map((r) => ({ stationCode: stations.get(r.stationId) ?? r.stationId, day: r.day, dispenses: r.dispenses, gallons: Number(r.gallons), amount: formatAmount(BigInt(r.amount ?? '0'), r.currency) })),
    total: {
      amount: formatAmount(amount, currency),
      millionGallons: (Number(gallons) / 1_000_000).toFixed(3),
      pricePerThousandGallons: gallons === 0n ? null : formatAmount((amount * 1000n + gallons / 2n) / gallons, currency),
    },
  };
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The instant a business day starts in a time zone (offset looked up at noon UTC of that day; no DST in the Gulf). */
export function zonedMidnight(day: string, timeZone: string): Date {
  const noon = new Date(`${day}T12:00:00Z`);
  const local = new Date(noon.toLocaleString('en-US', { timeZone }));
  const utc = new Date(noon.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(new Date(`${day}T00:00:00Z`).getTime() - (local.getTime() - utc.getTime()));
}
