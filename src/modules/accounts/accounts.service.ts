// Utility accounts and their meters. A citizen sees the accounts registered to their civil ID; cashiers and
// administrators see any; only administrators open accounts or change their status. Opening an account also
// records its meter's first reading, which is metering's (metering.service openAccount calls createAccount).
import { randomInt } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { requireRole, requireSelfOrRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { checkCivilId, findPersonIdByCivilId } from '../identity/index.js';
import { getBiller } from '../billers/index.js';
import { unitOfBiller, type Unit } from '../tariffs/index.js';
import { isDay } from '../../shared/days.js';
import { ACCOUNT_STATUSES, isCategory, type AccountStatus } from './categories.js';
import * as store from './accounts.store.js';
import type { openAccountBody } from './accounts.schemas.js';

export type { AccountRow, MeterRow } from './accounts.store.js';
export { CATEGORIES, CATEGORY_NAMES, GOVERNMENT_HOLD, isCategory, type Category } from './categories.js';

/** Staff who may look at and enter readings for any account. */
export const ACCOUNT_STAFF = ['admin', 'cashier'] as const;

type OpenAccountBody = z.output<typeof openAccountBody>;

export type MeterInput = OpenAccountBody['meter'];

/** The request body; the seeds and tests may also say "no owner" with null. */
export type CreateAccountInput = Omit<OpenAccountBody, 'ownerCivilId' | 'ownerName'> & {
  ownerCivilId?: string | null;
  ownerName?: OpenAccountBody['ownerName'] | null;
};

export interface AccountWithMeter {
  account: store.AccountRow;
  meter: store.MeterRow;
}

/** Creates the account and its first meter in the caller's transaction. */
export async function createAccount(ctx: Ctx, actor: Actor, input: CreateAccountInput): Promise<AccountWithMeter> {
  requireRole(actor, 'admin');
  if (!isCategory(input.category)) throw new AppError('account_category_invalid', { category: input.category });
  const biller = await getBiller(ctx, input.billerCode);
  const unit = await unitOfBiller(ctx, biller.code);
  if (biller.kind !== 'utility' || !unit) throw new AppError('account_biller_invalid', { biller: biller.code });
  const ownerCivilId = input.ownerCivilId ? checkCivilId(ctx, input.ownerCivilId) : null;
  if (!ownerCivilId && !input.ownerName) throw new AppError('validation_failed', { reason: 'an account needs an owner civil ID or an owner name' });
  checkMeter(input.meter);
  const now = ctx.clock.now();
  const account: store.AccountRow = {
    id: newId('acc'),
    accountNumber: input.accountNumber ?? randomDigits(10),
    billerCode: biller.code,
    ownerCivilId,
    ownerPersonId: ownerCivilId ? (await findPersonIdByCivilId(ctx, ownerCivilId)) ?? null : null,
    ownerNameAr: input.ownerName?.ar ?? null,
    ownerNameEn: input.ownerName?.en ?? null,
    category: input.category,
    areaAr: input.area?.ar ?? '', areaEn: input.area?.en ?? '',
    addressAr: input.address?.ar ?? '', addressEn: input.address?.en ?? '',
    status: 'active', createdAt: now, updatedAt: now,
  };
  if (!(await store.insertAccount(ctx.db, account))) throw new AppError('account_exists', { accountNumber: account.accountNumber });
  const meter = await addMeter(ctx, account, unit, input.meter);
  await recordAudit(ctx, actor, { action: 'account.open', entityType: 'utility_account', entityId: account.id, detail: { accountNumber: account.accountNumber, meterNumber: meter.meterNumber, category: account.category } });
  return { account, meter };
}

/** Adds a meter to an account (opening, or a replacement after the old one was removed). */
export async function addMeter(ctx: Ctx, account: store.AccountRow, unit: Unit, input: MeterInput): Promise<store.MeterRow> {
  checkMeter(input);
  const meter: store.MeterRow = {
    id: newId('mtr'),
    meterNumber: input.meterNumber ?? `M${randomDigits(9)}`,
    accountId: account.id,
    unit,
    multiplier: input.multiplier ?? 1,
    dials: input.dials ?? 6,
    initialReading: input.initialReading ?? 0n,
    installedOn: input.installedOn,
    removedOn: null,
    status: 'active',
    createdAt: ctx.clock.now(),
  };
  if (meter.initialReading >= 10n ** BigInt(meter.dials)) throw new AppError('meter_invalid', { problem: 'initial reading does not fit the dials' });
  if (!(await store.insertMeter(ctx.db, meter))) throw new AppError('meter_exists', { meterNumber: meter.meterNumber });
  return meter;
}

function checkMeter(input: MeterInput): void {
  if (!isDay(input.installedOn)) throw new AppError('meter_invalid', { problem: 'installedOn' });
  if (input.multiplier !== undefined && (!Number.isInteger(input.multiplier) || input.multiplier < 1 || input.multiplier > 10_000)) throw new AppError('meter_invalid', { problem: 'multiplier' });
  if (input.dials !== undefined && (!Number.isInteger(input.dials) || input.dials < 3 || input.dials > 12)) throw new AppError('meter_invalid', { problem: 'dials' });
  if (input.initialReading !== undefined && input.initialReading < 0n) throw new AppError('meter_invalid', { problem: 'initialReading' });
}

function randomDigits(n: number): string {
  let digits = String(randomInt(1, 10));
  while (digits.length < n) digits += String(randomInt(0, 10));
  return digits;
}

/** May this actor see (and read meters of) this account? Owners and account staff may. */
export function assertAccountAccess(actor: Actor, account: store.AccountRow): void {
  if (actor.kind === 'person') {
    if (account.ownerCivilId !== actor.civilId) throw new AppError('account_not_owned');
    return;
  }
  requireRole(actor, ...ACCOUNT_STAFF);
}

export async function getAccount(ctx: Ctx, actor: Actor, accountNumber: string): Promise<{ account: store.AccountRow; meters: store.MeterRow[] }> {
  requireRole(actor, 'citizen', ...ACCOUNT_STAFF);
  const account = await store.findAccountByNumber(ctx.db, accountNumber);
  if (!account) throw new AppError('account_not_found');
  assertAccountAccess(actor, account);
  return { account, meters: await store.metersOf(ctx.db, [account.id]) };
}

/** A person's accounts (their own, or anyone's for staff), each with its meters. */
export async function accountsOfPerson(ctx: Ctx, actor: Actor, civilId: string): Promise<{ account: store.AccountRow; meters: store.MeterRow[] }[]> {
  requireSelfOrRole(actor, civilId, ...ACCOUNT_STAFF);
  if (actor.kind === 'person') await store.linkOwnerPerson(ctx.db, civilId, actor.id);
  const accounts = await store.accountsOfOwner(ctx.db, civilId);
  const meters = await store.metersOf(ctx.db, accounts.map((a) => a.id));
  return accounts.map((account) => ({ account, meters: meters.filter((m) => m.accountId === account.id) }));
}

export async function changeAccountStatus(ctx: Ctx, actor: Actor, accountNumber: string, status: AccountStatus): Promise<store.AccountRow> {
  requireRole(actor, 'admin');
  if (!ACCOUNT_STATUSES.includes(status)) throw new AppError('validation_failed', { field: 'status' });
  const account = await store.findAccountByNumber(ctx.db, accountNumber);
  if (!account) throw new AppError('account_not_found');
  if (account.status === 'closed' && status !== 'closed') throw new AppError('account_closed');
  await store.setAccountStatus(ctx.db, account.id, status, ctx.clock.now());
  await recordAudit(ctx, actor, { action: 'account.status', entityType: 'utility_account', entityId: account.id, detail: { from: account.status, to: status } });
  return { ...account, status };
}

/**
 * Field work on the connection: service staff (or an admin) cut or restore the supply, and the account's status
 * follows, audited under the staff member who did it. Only active ⇄ disconnected: a closed account stays closed.
 * Runs in the caller's transaction (the requests module completes its order in the same one).
 */
export async function setConnection(ctx: Ctx, actor: Actor, accountId: string, to: 'active' | 'disconnected', detail: Record<string, unknown> = {}): Promise<store.AccountRow> {
  requireRole(actor, 'service', 'admin');
  const account = await store.lockAccount(ctx.db, accountId);
  if (!account) throw new AppError('account_not_found');
  if (account.status === 'closed') throw new AppError('account_closed');
  const from = to === 'disconnected' ? 'active' : 'disconnected';
  if (account.status !== from) throw new AppError('account_connection_unchanged', { status: account.status, to });
  const now = ctx.clock.now();
  await store.setAccountStatus(ctx.db, account.id, to, now);
  await recordAudit(ctx, actor, { action: to === 'disconnected' ? 'account.disconnected' : 'account.reconnected', entityType: 'utility_account', entityId: account.id, detail: { from, to, ...detail } });
  return { ...account, status: to, updatedAt: now };
}

export async function findAccountsByNumbers(ctx: Ctx, numbers: string[]): Promise<store.AccountRow[]> {
  return store.findAccountsByNumbers(ctx.db, [...new Set(numbers)]);
}

/** For metering: the account and meter a reading is for, by meter number or by account number (its active meter). */
export async function findMeterTarget(ctx: Ctx, target: { accountNumber?: string; meterNumber?: string }): Promise<{ account: store.AccountRow; meter: store.MeterRow | undefined }> {
  if (target.meterNumber) {
    const meter = await store.findMeterByNumber(ctx.db, target.meterNumber);
    if (!meter) throw new AppError('meter_not_found');
    const account = (await store.findAccountById(ctx.db, meter.accountId))!;
    if (target.accountNumber && target.accountNumber !== account.accountNumber) throw new AppError('meter_not_found', { reason: 'the meter is not on that account' });
    return { account, meter };
  }
  if (!target.accountNumber) throw new AppError('validation_failed', { reason: 'give an account number or a meter number' });
  const account = await store.findAccountByNumber(ctx.db, target.accountNumber);
  if (!account) throw new AppError('account_not_found');
  return { account, meter: await store.activeMeterOf(ctx.db, account.id) };
}

/** Accounts by id, for modules that show account numbers beside their own records (readings). */
export async function findAccountsByIds(ctx: Ctx, ids: string[]): Promise<store.AccountRow[]> {
  return store.findAccountsByIds(ctx.db, [...new Set(ids)]);
}

export const meters = {
  lock: (ctx: Ctx, meterId: string) => store.lockMeter(ctx.db, meterId),
  remove: (ctx: Ctx, meterId: string, removedOn: string) => store.removeMeter(ctx.db, meterId, removedOn),
  ofAccounts: (ctx: Ctx, accountIds: string[]) => store.metersOf(ctx.db, accountIds),
};

export async function findAccountByNumber(ctx: Ctx, accountNumber: string): Promise<store.AccountRow | undefined> {
  return store.findAccountByNumber(ctx.db, accountNumber);
}

export async function findAccountById(ctx: Ctx, id: string): Promise<store.AccountRow | undefined> {
  return store.findAccountById(ctx.db, id);
}
