// Opening an account and replacing a meter: both install a meter, and a meter's first reading (its installation
// point) is a reading like any other, so consumption is always a sum of readings, across replacements too.
import type { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import { businessToday } from '../../platform/clock.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { newId } from '../../shared/ids.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import {
  addMeter, createAccount, findAccountByNumber, meters, type accountSchemas, type AccountWithMeter, type CreateAccountInput, type Meter,
} from '../accounts/index.js';
import type { Unit } from '../tariffs/index.js';
import { decideReading } from './readings.decision.js';
import { lastReadingOf } from './readings.service.js';
import * as store from './readings.store.js';

export async function openAccount(ctx: Ctx, actor: Actor, input: CreateAccountInput): Promise<AccountWithMeter> {
  return inTransaction(ctx, async (tx) => {
    const opened = await createAccount(tx, actor, input);
    await recordInstallation(tx, actor, opened.meter);
    return opened;
  });
}

async function recordInstallation(ctx: Ctx, actor: Actor, meter: Meter): Promise<void> {
  await store.insertReading(ctx.db, {
    id: newId('rdg'), meterId: meter.id, accountId: meter.accountId, readOn: meter.installedOn, value: meter.initialReading, consumption: 0n,
    source: 'install', status: 'accepted', decisionCode: 'reading_install', enteredByKind: actor.kind,
    enteredById: actor.kind === 'anonymous' ? null : actor.id, createdAt: ctx.clock.now(),
  });
}

/** The request body and the account it is for, from the path. */
export type ReplaceMeterInput = z.output<typeof accountSchemas.meterReplacementBody> & z.output<typeof accountSchemas.accountParams>;

/**
 * Takes the old meter out with its final reading (consumption up to that day stays billable) and installs the
 * new one from its initial reading on the same day.
 */
export async function replaceMeter(ctx: Ctx, actor: Actor, input: ReplaceMeterInput): Promise<{ removed: Meter; installed: Meter }> {
  requireRole(actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const account = await findAccountByNumber(tx, input.accountNumber);
    if (!account) throw new AppError('account_not_found');
    if (account.status === 'closed') throw new AppError('account_closed');
    const [old] = (await meters.ofAccounts(tx, [account.id])).filter((m) => m.status === 'active');
    if (!old) throw new AppError('meter_not_found', { reason: 'the account has no active meter' });
    await meters.lock(tx, old.id);
    const last = await lastReadingOf(tx, old);
    // The final reading may be the one already taken that day; otherwise it is decided like any reading,
    // without the band (a meter coming out is often faulty).
    if (!(last.readOn === input.replacedOn && last.value === input.finalReading)) {
      const decision = decideReading({ value: input.finalReading, readOn: input.replacedOn, today: businessToday(tx), meter: old, last, history: null, band: null });
      if (decision.decision === 'refused') throw new AppError(decision.code, decision.detail);
      await store.insertReading(tx.db, {
        id: newId('rdg'), meterId: old.id, accountId: account.id, readOn: input.replacedOn, value: input.finalReading, consumption: decision.consumption,
        rollover: decision.rollover, source: 'removal', status: 'accepted', decisionCode: decision.code, enteredByKind: actor.kind, enteredById: actor.id, createdAt: tx.clock.now(),
      });
    }
    await meters.remove(tx, old.id, input.replacedOn);
    const installed = await addMeter(tx, account, old.unit as Unit, { ...input.newMeter, installedOn: input.replacedOn });
    await recordInstallation(tx, actor, installed);
    await recordAudit(tx, actor, { action: 'meter.replace', entityType: 'utility_account', entityId: account.id, detail: { removed: old.meterNumber, installed: installed.meterNumber, finalReading: input.finalReading } });
    return { removed: { ...old, status: 'removed', removedOn: input.replacedOn }, installed };
  });
}
