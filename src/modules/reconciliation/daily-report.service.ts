// The day's reconciliation per channel and bank: what Tasdeed posted for the bank's channel on a business date
// (expected) against the statement entries matched to payments (settled), with the differences both ways.
import { requireRole, type Actor } from '../../platform/actor.js';
import { localDate } from '../../platform/clock.js';
import type { Ctx } from '../../platform/context.js';
import { findPaymentForReconciliation, postedPaymentsBetween, type ReconcilablePayment } from '../payments/index.js';
import { formatStatementAmount } from './currencies.js';
import * as store from './reconciliation.store.js';

const CHANNELS = ['bank'];
const DAY_MS = 86_400_000;

export interface DailyReportLine {
  channel: string;
  bank: string;
  currency: string;
  expected: { count: number; amount: string };
  settled: { count: number; amount: string };
  /** Posted by Tasdeed that day, no statement entry settled it. */
  postedNotSettled: { paymentId: string; amount: string }[];
  /** Settled on a statement booked that day for a payment Tasdeed did not post that day (another day, or never posted). */
  settledNotPosted: { entryId: string; paymentId: string | null; amount: string }[];
}

export async function dailyReconciliation(ctx: Ctx, actor: Actor, date: string): Promise<{ date: string; lines: DailyReportLine[] }> {
  requireRole(actor, 'admin');
  const noon = Date.parse(`${date}T12:00:00Z`);
  // Any business time zone is within a day of UTC: query the wider window, keep the payments of the local date.
  const posted = (await postedPaymentsBetween(ctx, CHANNELS, new Date(noon - DAY_MS), new Date(noon + DAY_MS)))
    .filter((p) => p.postedAt && localDate(p.postedAt, ctx.config.TZ_BUSINESS) === date);
  const settledOfPosted = await store.matchedEntriesOfPayments(ctx.db, posted.map((p) => p.id));
  const bookedThatDay = await store.matchedEntriesBookedOn(ctx.db, date);
  const postedIds = new Set(posted.map((p) => p.id));
  const settledIds = new Set(settledOfPosted.map((e) => e.paymentId!));

  const lines = new Map<string, DailyReportLine>();
  const lineOf = (p: Pick<ReconcilablePayment, 'channel' | 'actorId' | 'currency'>) => {
    const key = `${p.channel}|${p.actorId ?? ''}|${p.currency}`;
    let line = lines.get(key);
    if (!line) {
      line = { channel: p.channel, bank: p.actorId ?? 'unknown', currency: p.currency, expected: { count: 0, amount: '' }, settled: { count: 0, amount: '' }, postedNotSettled: [], settledNotPosted: [] };
      lines.set(key, line);
    }
    return line;
  };
  const sums = new Map<DailyReportLine, { expected: bigint; settled: bigint }>();
  const sumOf = (line: DailyReportLine) => sums.get(line) ?? sums.set(line, { expected: 0n, settled: 0n }).get(line)!;
  for (const p of posted) {
    const line = lineOf(p);
    line.expected.count += 1;
    sumOf(line).expected += p.amount;
    if (settledIds.has(p.id)) {
      line.settled.count += 1;
      sumOf(line).settled += p.amount;
    } else line.postedNotSettled.push({ paymentId: p.id, amount: formatStatementAmount(p.amount, p.currency) });
  }
  for (const entry of bookedThatDay.filter((e) => !postedIds.has(e.paymentId ?? ''))) {
    const payment = entry.paymentId ? await findPaymentForReconciliation(ctx, entry.paymentId) : undefined;
    const line = lineOf(payment ?? { channel: 'bank', actorId: null, currency: entry.currency });
    line.settledNotPosted.push({ entryId: entry.id, paymentId: entry.paymentId, amount: formatStatementAmount(entry.amount, entry.currency) });
  }
  for (const line of lines.values()) {
    const sum = sumOf(line);
    line.expected.amount = formatStatementAmount(sum.expected, line.currency);
    line.settled.amount = formatStatementAmount(sum.settled, line.currency);
  }
  return { date, lines: [...lines.values()] };
}
