// Staff's second factor (issue #15, point 9): a code from an authenticator app (./totp.ts). A stolen or guessed
// staff password alone no longer opens the admin, cashier or officer pages. The secret is kept encrypted with
// TASDEED_SECRET, like API clients' secrets: the server must read it back to compute codes, and a database dump
// alone must not give them away. Each code signs in once.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { recordAudit } from '../../platform/audit.js';
import { systemActor, type Actor } from '../../platform/actor.js';
import { decryptSecret, encryptSecret } from './secrets.js';
import * as store from './identity.store.js';
import { matchingStep, newTotpSecret, otpauthUri } from './totp.js';

const ISSUER = 'Tasdeed';

export interface Enrolment {
  /** The shared secret in base32, for typing into an app by hand. */
  secret: string;
  /** The otpauth:// URI, for a QR code. */
  otpauthUri: string;
}

/**
 * Checks the second factor of a staff member whose password was right. Throws `second_factor_required` when a
 * code is needed and none came (the portal then asks for it), `second_factor_not_enrolled` when the deployment
 * requires one and none is enrolled, and `login_failed` (through `refuse`) for a wrong or spent code.
 */
export async function checkStaffSecondFactor(ctx: Ctx, staff: store.StaffRow, code: string | undefined, refuse: () => Promise<never>): Promise<void> {
  if (!staff.totpSecretCiphertext) {
    if (ctx.config.staffSecondFactor !== 'required') return;
    await inTransaction(ctx, (tx) => recordAudit(tx, { kind: 'anonymous', ip: ctx.ip }, { action: 'auth.login', entityType: 'staff', entityId: staff.id, outcome: 'refused', detail: { reason: 'second_factor_not_enrolled' } }));
    throw new AppError('second_factor_not_enrolled');
  }
  if (code === undefined) throw new AppError('second_factor_required');
  const step = matchingStep(decryptSecret(staff.totpSecretCiphertext, ctx.config.secret), code, ctx.clock.now());
  if (step === undefined || !(await store.claimTotpStep(ctx.db, staff.id, step))) await refuse();
}

/**
 * A signed-in staff member starts enrolling an authenticator: the secret is shown once, kept pending. A member who
 * already has one must give its current code: a stolen session alone must not swap the factor for the thief's
 * app (which would turn a session into a lasting way in). The code is claimed like a sign-in code, so one seen
 * over a shoulder cannot be replayed. A refused attempt is audited; so is the replacement.
 */
export async function startEnrolment(ctx: Ctx, actor: Actor, currentCode?: string): Promise<Enrolment> {
  const staff = await signedInStaff(ctx, actor);
  const replacing = staff.totpSecretCiphertext !== null;
  if (replacing) await proveCurrentFactor(ctx, actor, staff, currentCode);
  const secret = newTotpSecret();
  await inTransaction(ctx, async (tx) => {
    await store.setTotpPending(tx.db, staff.id, encryptSecret(secret, ctx.config.secret));
    await recordAudit(tx, actor, { action: 'staff.second_factor.start', entityType: 'staff', entityId: staff.id, detail: { replacing } });
  });
  return { secret, otpauthUri: otpauthUri(ISSUER, staff.username, secret) };
}

async function proveCurrentFactor(ctx: Ctx, actor: Actor, staff: store.StaffRow, code: string | undefined): Promise<void> {
  const refuse = async (reason: string): Promise<never> => {
    await inTransaction(ctx, (tx) => recordAudit(tx, actor, { action: 'staff.second_factor.start', entityType: 'staff', entityId: staff.id, outcome: 'refused', detail: { replacing: true, reason } }));
    throw new AppError(reason === 'current_code_missing' ? 'second_factor_current_required' : 'second_factor_invalid');
  };
  if (code === undefined) return refuse('current_code_missing');
  const step = matchingStep(decryptSecret(staff.totpSecretCiphertext!, ctx.config.secret), code, ctx.clock.now());
  if (step === undefined || !(await store.claimTotpStep(ctx.db, staff.id, step))) await refuse('current_code_wrong');
}

/** A code from the new secret proves the app holds it: it becomes the active one. */
export async function confirmEnrolment(ctx: Ctx, actor: Actor, code: string): Promise<void> {
  const staff = await signedInStaff(ctx, actor);
  if (!staff.totpPendingCiphertext) throw new AppError('second_factor_not_started');
  const step = matchingStep(decryptSecret(staff.totpPendingCiphertext, ctx.config.secret), code, ctx.clock.now());
  if (step === undefined) {
    await inTransaction(ctx, (tx) => recordAudit(tx, actor, { action: 'staff.second_factor.confirm', entityType: 'staff', entityId: staff.id, outcome: 'refused' }));
    throw new AppError('second_factor_invalid');
  }
  await inTransaction(ctx, async (tx) => {
    await store.activateTotp(tx.db, staff.id, staff.totpPendingCiphertext!, step);
    await recordAudit(tx, actor, { action: 'staff.second_factor.confirm', entityType: 'staff', entityId: staff.id, detail: { replaced: staff.totpSecretCiphertext !== null } });
  });
}

/**
 * The operator's way (`tasdeed staff second-factor USERNAME`): for the first admin of a deployment that requires
 * a second factor, and for a member who lost their phone. The new secret is active at once; the old one stops.
 */
export async function enrolByOperator(ctx: Ctx, username: string): Promise<Enrolment> {
  const staff = await store.findStaffByUsername(ctx.db, username);
  if (!staff) throw new AppError('staff_not_found');
  const secret = newTotpSecret();
  await inTransaction(ctx, async (tx) => {
    await store.activateTotp(tx.db, staff.id, encryptSecret(secret, ctx.config.secret), 0n);
    await recordAudit(tx, systemActor('operator-cli'), { action: 'staff.second_factor.reset', entityType: 'staff', entityId: staff.id });
  });
  return { secret, otpauthUri: otpauthUri(ISSUER, staff.username, secret) };
}

async function signedInStaff(ctx: Ctx, actor: Actor): Promise<store.StaffRow> {
  if (actor.kind !== 'staff') throw new AppError(actor.kind === 'anonymous' ? 'unauthenticated' : 'forbidden');
  const staff = await store.findStaffById(ctx.db, actor.id);
  if (!staff) throw new AppError('forbidden');
  return staff;
}
