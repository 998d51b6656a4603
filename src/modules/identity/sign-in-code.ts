// The owner's way in while their password is locked or slowed (issue #15, point 3): a six-digit code by SMS to a
// phone registered to them. Asking answers the same whether or not the civil ID is registered or has a phone, so
// it reveals nothing; a new code at most once a minute (no SMS flood); five tries per code, counted before the
// code is compared, so parallel guesses get no more; the code is stored only as a hash and lives ten minutes; on its way to the SMS centre (outbox, notification) it
// is sealed with TASDEED_SECRET, so no table holds it readable.
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { emitEvent } from '../../platform/outbox.js';
import { seal } from '../../platform/sealing.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor } from '../../platform/actor.js';
import { checkCivilId, startSession, type SessionResult } from './identity.service.js';
import * as store from './identity.store.js';
import { claimCodeTry, deleteCode, storeCodeIfDue } from './sign-in-code.store.js';

export const CODE_MINUTES = 10;
export const CODE_TRIES = 5;
export const CODE_INTERVAL_MS = 60_000;

function codeHash(personId: string, code: string): string {
  return createHash('sha256').update(`tasdeed:sign-in-code:${personId}:${code}`).digest('hex');
}

/** Sends a code to the person's first registered phone. Always resolves the same way (see above). */
export async function requestSignInCode(ctx: Ctx, input: { civilId: string }): Promise<void> {
  const civilId = checkCivilId(ctx, input.civilId);
  const person = await store.findPersonByCivilId(ctx.db, civilId);
  if (!person) return;
  const [phone] = await store.phonesOf(ctx.db, person.id);
  if (!phone) return;
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const stored = await storeCodeIfDue(tx.db, {
      personId: person.id, codeHash: codeHash(person.id, code), now, expiresAt: new Date(now.getTime() + CODE_MINUTES * 60_000), intervalMs: CODE_INTERVAL_MS,
    });
    if (!stored) return;
    const sealedVars = { code: seal(code, ctx.config.secret, 'one-time-codes') };
    await emitEvent(tx, 'auth.sign_in_code', { personId: person.id, phone: phone.phone, vars: { minutes: String(CODE_MINUTES) }, sealedVars });
    await recordAudit(tx, { kind: 'anonymous', ip: ctx.ip }, { action: 'auth.sign_in_code', entityType: 'person', entityId: person.id });
  });
}

/** Signs the person in with a code from their SMS. */
export async function signInWithCode(ctx: Ctx, input: { civilId: string; code: string }): Promise<SessionResult> {
  const civilId = checkCivilId(ctx, input.civilId);
  const person = await store.findPersonByCivilId(ctx.db, civilId);
  const stored = person ? await claimCodeTry(ctx.db, person.id, ctx.clock.now(), CODE_TRIES) : undefined;
  const given = Buffer.from(codeHash(person?.id ?? '', input.code));
  if (!person || !stored || !timingSafeEqual(given, Buffer.from(stored))) {
    await inTransaction(ctx, (tx) => recordAudit(tx, { kind: 'anonymous', ip: ctx.ip }, { action: 'auth.sign_in_code.use', entityType: 'person', entityId: person?.id ?? null, outcome: 'refused' }));
    throw new AppError('sign_in_code_invalid');
  }
  await deleteCode(ctx.db, person.id);
  const actor: Actor = { kind: 'person', id: person.id, role: 'citizen', civilId };
  return startSession(ctx, actor, 'person');
}
