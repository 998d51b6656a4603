// Password guessing, without handing a stranger the power to lock someone out (issue #15, points 3 and 5).
// - Per account and source address: five attempts lock that pair for 15 minutes; the count starts over when the
//   lock ends or after 15 quiet minutes. A guesser elsewhere does not lock the owner out of their own device.
// - Per account from everywhere: past 20 attempts within an hour, one attempt per 10 seconds goes through (from
//   anyone). A botnet is slowed to a crawl; the owner waits seconds at worst, and can always use a code by SMS.
// Attempts are counted in one committed statement before the password is checked, so parallel attempts cannot
// get more guesses than the limit.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { countSourceAttempt, forgetAttempt, passAccountBrake } from './login-attempts.store.js';

export const SOURCE_RULE = { maxAttempts: 5, lockMs: 15 * 60_000, decayMs: 15 * 60_000 };
export const BRAKE_RULE = { threshold: 20, intervalMs: 10_000, decayMs: 60 * 60_000 };

export interface AttemptTicket {
  sourceSubject: string;
  accountSubject: string;
}

/** Counts this attempt (or refuses it: login_locked, login_slowed) before any password is verified. */
export async function admitAttempt(ctx: Ctx, account: string): Promise<AttemptTicket> {
  const ticket = { sourceSubject: `${account}@${ctx.ip ?? 'unknown'}`, accountSubject: `${account}@*` };
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const source = await countSourceAttempt(tx.db, ticket.sourceSubject, now, SOURCE_RULE);
    if (source.attempts > SOURCE_RULE.maxAttempts) {
      throw new AppError('login_locked', { retryAfterSeconds: secondsUntil(source.lockedUntil, now) });
    }
    // A refusal here rolls the source's count back: waiting at the brake costs the owner nothing.
    if (!(await passAccountBrake(tx.db, ticket.accountSubject, now, BRAKE_RULE))) {
      throw new AppError('login_slowed', { retryAfterSeconds: Math.ceil(BRAKE_RULE.intervalMs / 1000) });
    }
  });
  return ticket;
}

/** The password was right: this source starts over. */
export async function attemptSucceeded(ctx: Ctx, ticket: AttemptTicket): Promise<void> {
  await forgetAttempt(ctx.db, ticket.sourceSubject, ticket.accountSubject);
}

function secondsUntil(until: Date | null, now: Date): number {
  return until ? Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000)) : Math.ceil(SOURCE_RULE.lockMs / 1000);
}
