import type { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import { validateKuwaitiCivilId, validateSaudiNationalId } from '../../shared/civil-id.js';
import { normalizeEmail, normalizePhone } from '../../shared/contact.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { newId, randomToken } from '../../shared/ids.js';
import { ROLES, requireRole, requireSelfOrRole, type Actor, type Role } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { decoyPasswordHash, hashPassword, verifyPassword } from './passwords.js';
import { encryptSecret, sha256Hex } from './secrets.js';
import * as store from './identity.store.js';
import { admitAttempt, attemptSucceeded } from './login-attempts.js';
import { assertPasswordStrength } from './password-policy.js';
import { checkStaffSecondFactor } from './second-factor.js';
import type { createStaffBody, registerPersonBody } from './identity.schemas.js';

/** Validates a national ID for the deployment's country and returns it, or throws `civil_id_invalid`. */
export function checkCivilId(ctx: Pick<Ctx, 'config' | 'clock'>, civilId: string): string {
  if (ctx.config.TASDEED_COUNTRY === 'SA') {
    const result = validateSaudiNationalId(civilId);
    if (!result.ok) throw new AppError('national_id_invalid', { problem: result.problem });
    return civilId;
  }
  const result = validateKuwaitiCivilId(civilId, ctx.clock.now());
  if (!result.ok) throw new AppError('civil_id_invalid', { problem: result.problem });
  return civilId;
}

export type RegisterPersonInput = z.output<typeof registerPersonBody>;

export async function registerPerson(ctx: Ctx, actor: Actor, input: RegisterPersonInput): Promise<{ id: string }> {
  requireRole(actor, 'admin', 'cashier');
  const civilId = checkCivilId(ctx, input.civilId);
  const phones = (input.phones ?? []).map((p) => normalizePhone(p));
  const emails = (input.emails ?? []).map((e) => normalizeEmail(e));
  if (input.password !== undefined) assertPasswordStrength(input.password, [civilId]);
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : null;
  return inTransaction(ctx, async (tx) => {
    if (await store.findPersonByCivilId(tx.db, civilId)) throw new AppError('person_exists');
    const id = newId('per');
    await store.insertPerson(tx.db, {
      id, civilId, nameAr: input.nameAr, nameEn: input.nameEn, preferredLanguage: input.preferredLanguage ?? 'ar', passwordHash,
    });
    await store.insertPhones(tx.db, phones.map((phone, i) => ({ id: newId('phn'), personId: id, phone, isPrimary: i === 0 })));
    await store.insertEmails(tx.db, emails.map((email, i) => ({ id: newId('eml'), personId: id, email, isPrimary: i === 0 })));
    await recordAudit(tx, actor, { action: 'person.register', entityType: 'person', entityId: id, detail: { phones: phones.length, emails: emails.length } });
    return { id };
  });
}

export interface PersonProfile {
  id: string;
  civilId: string;
  nameAr: string;
  nameEn: string;
  preferredLanguage: 'ar' | 'en';
  phones: string[];
  emails: string[];
}

export async function getPersonProfile(ctx: Ctx, actor: Actor, civilId: string): Promise<PersonProfile> {
  requireSelfOrRole(actor, civilId, 'admin', 'cashier', 'officer');
  const person = await store.findPersonByCivilId(ctx.db, civilId);
  if (!person) throw new AppError('person_not_found');
  const [phones, emails] = await Promise.all([store.phonesOf(ctx.db, person.id), store.emailsOf(ctx.db, person.id)]);
  return {
    id: person.id, civilId: person.civilId, nameAr: person.nameAr, nameEn: person.nameEn,
    preferredLanguage: person.preferredLanguage === 'en' ? 'en' : 'ar',
    phones: phones.map((p) => p.phone), emails: emails.map((e) => e.email),
  };
}

/** Contact details for notifications (used by system workers; no access check beyond the actor being system). */
export async function contactsOfPerson(ctx: Ctx, personId: string) {
  const person = await store.findPersonById(ctx.db, personId);
  if (!person) return undefined;
  const [phones, emails] = await Promise.all([store.phonesOf(ctx.db, personId), store.emailsOf(ctx.db, personId)]);
  return { person, phones: phones.map((p) => p.phone), emails: emails.map((e) => e.email) };
}

/** Contact details of many people at once, for system workers (the notifications dispatcher). */
export function contactsOfPeople(ctx: Ctx, personIds: string[]): Promise<Map<string, store.ContactsRow>> {
  return store.contactsOfPeople(ctx.db, personIds);
}

/** Who registered a phone number: an SMS reply (STOP) comes from a number, not a person. */
export function personIdsByPhone(ctx: Ctx, phone: string): Promise<string[]> {
  return store.personIdsByPhone(ctx.db, phone);
}

/** A person's names and civil ID, for receipts and inquiry answers (no contact details, no password hash). */
export interface PersonSummary {
  id: string;
  civilId: string;
  nameAr: string;
  nameEn: string;
}

export type PersonContacts = store.ContactsRow;

export async function findPersonById(ctx: Ctx, id: string): Promise<PersonSummary | undefined> {
  const person = await store.findPersonById(ctx.db, id);
  return person && { id: person.id, civilId: person.civilId, nameAr: person.nameAr, nameEn: person.nameEn };
}

export async function findPersonByCivilId(ctx: Ctx, civilId: string): Promise<PersonSummary | undefined> {
  const person = await store.findPersonByCivilId(ctx.db, civilId);
  return person && { id: person.id, civilId: person.civilId, nameAr: person.nameAr, nameEn: person.nameEn };
}

export async function findPersonIdByCivilId(ctx: Ctx, civilId: string): Promise<string | undefined> {
  return (await store.findPersonByCivilId(ctx.db, civilId))?.id;
}

export async function setPreferredLanguage(ctx: Ctx, actor: Actor, language: 'ar' | 'en'): Promise<void> {
  requireRole(actor, 'citizen');
  if (actor.kind !== 'person') throw new AppError('forbidden');
  await store.setPersonPreferredLanguage(ctx.db, actor.id, language);
}

export interface SessionResult {
  token: string;
  expiresAt: Date;
  actor: Actor;
}

/** Citizen sign-in by civil ID and password; attempts are counted first (./login-attempts.ts). */
export async function loginCitizen(ctx: Ctx, input: { civilId: string; password: string }): Promise<SessionResult> {
  const civilId = checkCivilId(ctx, input.civilId);
  const ticket = await admitAttempt(ctx, `person:${civilId}`);
  const person = await store.findPersonByCivilId(ctx.db, civilId);
  const ok = await verifyPassword(person?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!person || !person.passwordHash || !ok) await failLogin(ctx, { kind: 'anonymous', ip: ctx.ip }, 'person', person?.id);
  const actor: Actor = { kind: 'person', id: person!.id, role: 'citizen', civilId };
  await attemptSucceeded(ctx, ticket);
  return startSession(ctx, actor, 'person');
}

/** Staff sign-in: password, then the authenticator's code where one is enrolled or required (./second-factor.ts). */
export async function loginStaff(ctx: Ctx, input: { username: string; password: string; code?: string | undefined }): Promise<SessionResult> {
  const ticket = await admitAttempt(ctx, `staff:${input.username}`);
  const staff = await store.findStaffByUsername(ctx.db, input.username);
  const ok = await verifyPassword(staff?.passwordHash ?? (await decoyPasswordHash()), input.password);
  const refuse = () => failLogin(ctx, { kind: 'anonymous', ip: ctx.ip }, 'staff', staff?.id);
  if (!staff || !staff.active || !ok) await refuse();
  // The attempt stays counted until the code is right too: a password alone never resets the lockout.
  await checkStaffSecondFactor(ctx, staff!, input.code, refuse);
  const actor: Actor = { kind: 'staff', id: staff!.id, role: staff!.role as Role, unit: staff!.unit };
  await attemptSucceeded(ctx, ticket);
  return startSession(ctx, actor, 'staff');
}

async function failLogin(ctx: Ctx, actor: Actor, entityType: string, entityId?: string): Promise<never> {
  await inTransaction(ctx, (tx) => recordAudit(tx, actor, { action: 'auth.login', entityType, entityId: entityId ?? null, outcome: 'refused' }));
  throw new AppError('login_failed');
}

export async function startSession(ctx: Ctx, actor: Exclude<Actor, { kind: 'anonymous' }>, subjectKind: 'person' | 'staff'): Promise<SessionResult> {
  const token = randomToken();
  const expiresAt = new Date(ctx.clock.now().getTime() + ctx.config.SESSION_TTL_HOURS * 3_600_000);
  await inTransaction(ctx, async (tx) => {
    await store.insertSession(tx.db, { tokenHash: sha256Hex(token), subjectKind, subjectId: actor.id, role: actor.role, expiresAt });
    await recordAudit(tx, actor, { action: 'auth.login', entityType: subjectKind, entityId: actor.id });
  });
  return { token, expiresAt, actor };
}

/** The actor behind a session cookie, or anonymous when it is missing, unknown or expired. */
export async function actorFromSession(ctx: Ctx, token: string | undefined): Promise<Actor> {
  if (!token) return { kind: 'anonymous', ip: ctx.ip };
  const session = await store.findLiveSession(ctx.db, sha256Hex(token), ctx.clock.now());
  if (!session) return { kind: 'anonymous', ip: ctx.ip };
  if (session.subjectKind === 'person') {
    const person = await store.findPersonById(ctx.db, session.subjectId);
    return person ? { kind: 'person', id: person.id, role: 'citizen', civilId: person.civilId } : { kind: 'anonymous' };
  }
  const staff = await store.findStaffById(ctx.db, session.subjectId);
  return staff?.active ? { kind: 'staff', id: staff.id, role: staff.role as Role, unit: staff.unit } : { kind: 'anonymous' };
}

export async function logout(ctx: Ctx, actor: Actor, token: string | undefined): Promise<void> {
  if (!token) return;
  await inTransaction(ctx, async (tx) => {
    await store.deleteSession(tx.db, sha256Hex(token));
    if (actor.kind !== 'anonymous') await recordAudit(tx, actor, { action: 'auth.logout', entityType: actor.kind, entityId: actor.id });
  });
}

export type CreateStaffInput = z.output<typeof createStaffBody>;

export async function createStaffUser(ctx: Ctx, actor: Actor, input: CreateStaffInput): Promise<{ id: string }> {
  requireRole(actor, 'admin');
  if (!ROLES.includes(input.role) || input.role === 'citizen') throw new AppError('role_invalid');
  assertPasswordStrength(input.password, [input.username]);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (tx) => {
    if (await store.findStaffByUsername(tx.db, input.username)) throw new AppError('staff_exists');
    const id = newId('usr');
    await store.insertStaff(tx.db, { id, username: input.username, nameAr: input.nameAr, nameEn: input.nameEn, role: input.role, passwordHash, unit: input.unit ?? null });
    await recordAudit(tx, actor, { action: 'staff.create', entityType: 'staff', entityId: id, detail: { role: input.role } });
    return { id };
  });
}

/** Creates a machine client (bank, station, camera). The secret is returned once and stored encrypted. */
export async function createApiClient(ctx: Ctx, actor: Actor, input: { name: string; role: Role; keyId?: string; secret?: string }): Promise<{ id: string; keyId: string; secret: string }> {
  requireRole(actor, 'admin');
  if (!['bank', 'station', 'camera'].includes(input.role)) throw new AppError('role_invalid');
  const id = newId('cli');
  const keyId = input.keyId ?? `key_${randomToken(9)}`;
  const secret = input.secret ?? randomToken(32);
  await inTransaction(ctx, async (tx) => {
    await store.insertApiClient(tx.db, { id, keyId, name: input.name, role: input.role, secretCiphertext: encryptSecret(secret, ctx.config.secret) });
    await recordAudit(tx, actor, { action: 'api_client.create', entityType: 'api_client', entityId: id, detail: { role: input.role, keyId } });
  });
  return { id, keyId, secret };
}


