// The filters every analytical report takes: a range of business days (both included; this month so far when left
// out), an optional biller, and for collections the dimensions to group by. Checked here, once, with stable codes.
import { AppError } from '../../platform/errors/app-error.js';
import { localDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { COLLECTION_DIMENSIONS, type CollectionDimension } from './analytics.store.js';
import { businessDayWindow } from './reports.service.js';

export interface ReportFilterInput {
  from?: string;
  to?: string;
  billerCode?: string;
  by?: string;
}

export interface ReportFilters {
  fromDay: string;
  toDay: string;
  /** [start of fromDay, end of toDay) in the business time zone. */
  from: Date;
  to: Date;
  today: string;
  /** The clock's now, read once: what is "late now" is late at this instant for every row of the report. */
  now: Date;
  timeZone: string;
  billerCode?: string;
  by: CollectionDimension[];
}

const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

export function parseReportFilters(ctx: Ctx, input: ReportFilterInput, knownBillers: ReadonlySet<string>): ReportFilters {
  const timeZone = ctx.config.TZ_BUSINESS;
  const now = ctx.clock.now();
  const today = localDate(now, timeZone);
  const toDay = input.to ?? today;
  const fromDay = input.from ?? `${toDay.slice(0, 7)}-01`;
  const { from } = businessDayWindow(fromDay, timeZone);
  const { to } = businessDayWindow(toDay, timeZone);
  const days = Math.round((Date.parse(toDay) - Date.parse(fromDay)) / DAY_MS) + 1;
  if (days < 1 || days > MAX_DAYS) throw new AppError('report_range_invalid', { from: fromDay, to: toDay });
  if (input.billerCode !== undefined && !knownBillers.has(input.billerCode)) throw new AppError('report_biller_unknown', { billerCode: input.billerCode });
  return { fromDay, toDay, from, to, today, now, timeZone, billerCode: input.billerCode, by: parseDimensions(input.by) };
}

/** "day,channel" → ['day', 'channel']; day, channel and biller when left out. */
function parseDimensions(by: string | undefined): CollectionDimension[] {
  if (by === undefined) return ['day', 'channel', 'biller'];
  const names = by.split(',').map((n) => n.trim()).filter((n) => n !== '');
  const known = new Set<string>(COLLECTION_DIMENSIONS);
  if (names.some((n) => !known.has(n)) || new Set(names).size !== names.length) throw new AppError('report_dimension_invalid', { by });
  return names as CollectionDimension[];
}
