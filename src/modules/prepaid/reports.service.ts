// Gallons and money by station and business day (or month) for a date range, and the seed's headline figure: KD collected,
// millions of gallons, and the price per 1,000 gallons actually obtained.
import type { Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors/app-error.js';
import { formatAmount } from '../../shared/money.js';
import * as store from './prepaid.store.js';

/** `from` and `to` are business days (YYYY-MM-DD), both included; rows per station and day, or per month. */
export async function stationReport(ctx: Ctx, actor: Actor, from: string, to: string, by: store.ReportPeriod = 'day') {
  requireRole(actor, 'admin');
  if (from > to) throw new AppError('prepaid_report_range_invalid', { from, to });
  const start = zonedMidnight(from, ctx.config.TZ_BUSINESS);
  const end = zonedMidnight(nextDay(to), ctx.config.TZ_BUSINESS);
  const rows = await store.dispenseTotals(ctx.db, start, end, ctx.config.TZ_BUSINESS, by);
  const stations = new Map((await store.listStations(ctx.db)).map((s) => [s.id, s]));
  let gallons = 0n;
  let amount = 0n;
  const currency = rows[0]?.currency ?? 'KWD';
  for (const row of rows) {
    gallons += BigInt(row.gallons);
    amount += BigInt(row.amount ?? '0');
  }
  return {
    from, to, by, currency,
    rows: rows.map((r) => {
      const station = stations.get(r.stationId);
      return {
        stationCode: station?.code ?? r.stationId, stationNameAr: station?.nameAr ?? '', stationNameEn: station?.nameEn ?? '',
        period: r.period, day: by === 'day' ? r.period : null, dispenses: r.dispenses, gallons: Number(r.gallons), amount: formatAmount(BigInt(r.amount ?? '0'), r.currency),
      };
    }),
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
