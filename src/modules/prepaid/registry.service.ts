// Operators, trucks, stations and the versioned water price: the records the dispensing protocol reads.
// Managed by admins; an operator who is a person may read their own records.
import { AppError } from '../../platform/errors/app-error.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { newId } from '../../shared/ids.js';
import { parsePositiveAmount } from '../../shared/money.js';
import { normalizePlate, plateFormatOf } from '../../shared/plates.js';
import { getBiller } from '../billers/index.js';
import { PREPAID_BILLER } from './wallet.accounts.js';
import type { CreateOperatorInput, CreateStationInput, CreateTruckInput } from './prepaid.schemas.js';
import * as store from './prepaid.store.js';

export function canonicalPlate(ctx: Ctx, plate: string): string {
  return normalizePlate(plate, plateFormatOf(ctx.config.TASDEED_COUNTRY));
}

export async function registerOperator(ctx: Ctx, actor: Actor, input: CreateOperatorInput): Promise<store.OperatorRow> {
  requireRole(actor, 'admin');
  const identity = input.kind === 'person' ? input.civilId : input.commercialRegistration;
  if (!identity) throw new AppError('prepaid_operator_identity_required', { kind: input.kind });
  const { currency } = await getBiller(ctx, PREPAID_BILLER);
  return inTransaction(ctx, async (tx) => {
    const row = await store.insertOperator(tx.db, {
      id: newId('pop'), kind: input.kind, civilId: input.kind === 'person' ? input.civilId! : null,
      commercialRegistration: input.kind === 'company' ? input.commercialRegistration! : null,
      nameAr: input.nameAr, nameEn: input.nameEn, phone: input.phone ?? null, currency, createdAt: tx.clock.now(),
    });
    if (!row) throw new AppError('prepaid_operator_exists', { kind: input.kind });
    await recordAudit(tx, actor, { action: 'prepaid.operator.register', entityType: 'prepaid_operator', entityId: row.id, detail: { kind: row.kind } });
    return row;
  });
}

/** The operator, if the actor may see it: admins and cashiers any, a person their own (by civil ID). */
export async function operatorFor(ctx: Ctx, actor: Actor, operatorId: string): Promise<store.OperatorRow> {
  const operator = await store.findOperator(ctx.db, operatorId);
  const own = actor.kind === 'person' && operator?.civilId === actor.civilId;
  if (!own) requireRole(actor, 'admin', 'cashier');
  if (!operator) throw new AppError('prepaid_operator_not_found', { operatorId });
  return operator;
}

/** The wallets a signed-in person may see as their own: the person operators registered with their civil ID. */
export async function operatorsOfSignedInPerson(ctx: Ctx, actor: Actor): Promise<store.OperatorRow[]> {
  requireRole(actor, 'citizen');
  if (actor.kind !== 'person') return [];
  return store.operatorsOfPerson(ctx.db, actor.civilId);
}

export async function registerTruck(ctx: Ctx, actor: Actor, operatorId: string, input: CreateTruckInput): Promise<store.TruckRow> {
  requireRole(actor, 'admin');
  const operator = await store.findOperator(ctx.db, operatorId);
  if (!operator) throw new AppError('prepaid_operator_not_found', { operatorId });
  const plate = canonicalPlate(ctx, input.plate);
  return inTransaction(ctx, async (tx) => {
    const row = await store.insertTruck(tx.db, { id: newId('ptk'), operatorId, plate, tankCapacityGallons: input.tankCapacityGallons, createdAt: tx.clock.now() });
    if (!row) throw new AppError('prepaid_truck_exists', { plate });
    await recordAudit(tx, actor, { action: 'prepaid.truck.register', entityType: 'prepaid_truck', entityId: row.id, detail: { plate, operatorId } });
    return row;
  });
}

export async function setTruckBlocked(ctx: Ctx, actor: Actor, plateText: string, blocked: boolean): Promise<store.TruckRow> {
  requireRole(actor, 'admin');
  const truck = await store.findTruckByPlate(ctx.db, canonicalPlate(ctx, plateText));
  if (!truck) throw new AppError('prepaid_truck_unknown', { plate: plateText });
  return inTransaction(ctx, async (tx) => {
    const row = (await store.setTruckBlocked(tx.db, truck.id, blocked))!;
    await recordAudit(tx, actor, { action: blocked ? 'prepaid.truck.block' : 'prepaid.truck.unblock', entityType: 'prepaid_truck', entityId: row.id });
    return row;
  });
}

export async function registerStation(ctx: Ctx, actor: Actor, input: CreateStationInput): Promise<store.StationRow> {
  requireRole(actor, 'admin');
  return inTransaction(ctx, async (tx) => {
    const row = await store.insertStation(tx.db, { id: newId('pst'), ...input, createdAt: tx.clock.now() });
    if (!row) throw new AppError('prepaid_station_exists', { code: input.code });
    await recordAudit(tx, actor, { action: 'prepaid.station.register', entityType: 'prepaid_station', entityId: row.id, detail: { code: row.code } });
    return row;
  });
}

export function listStations(ctx: Ctx): Promise<store.StationRow[]> {
  return store.listStations(ctx.db);
}

/** A new price from a moment on; versions are never edited, so a settled dispense keeps the price it was held at. */
export async function addTariffVersion(ctx: Ctx, actor: Actor, input: { effectiveFrom: string; pricePerThousandGallons: string }): Promise<store.TariffVersionRow> {
  requireRole(actor, 'admin');
  const { currency } = await getBiller(ctx, PREPAID_BILLER);
  const price = parsePositiveAmount(input.pricePerThousandGallons, currency);
  return inTransaction(ctx, async (tx) => {
    const row = await store.insertTariffVersion(tx.db, { id: newId('ptf'), effectiveFrom: new Date(input.effectiveFrom), currency, pricePerThousandGallons: price, createdAt: tx.clock.now() });
    if (!row) throw new AppError('conflict', { effectiveFrom: input.effectiveFrom });
    await recordAudit(tx, actor, { action: 'prepaid.tariff.add', entityType: 'prepaid_tariff', entityId: row.id, detail: { price, effectiveFrom: input.effectiveFrom } });
    return row;
  });
}

export async function priceInForce(ctx: Ctx, currency: string, at: Date): Promise<bigint> {
  const version = await store.tariffInForce(ctx.db, currency, at);
  if (!version) throw new AppError('prepaid_tariff_missing', { currency, at: at.toISOString() });
  return version.pricePerThousandGallons;
}

/** Whether a station is open at a moment, in business-zone wall-clock time; equal times mean always open. */
export function isOpen(station: Pick<store.StationRow, 'opensAt' | 'closesAt'>, at: Date, timeZone: string): boolean {
  if (station.opensAt === station.closesAt) return true;
  const now = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return station.opensAt < station.closesAt
    ? now >= station.opensAt && now < station.closesAt
    : now >= station.opensAt || now < station.closesAt; // open across midnight
}
