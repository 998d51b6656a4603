// Request and response schemas of the prepaid water stations API, side by side with their types.
import { z } from 'zod';
import { amountSchema, civilIdSchema } from '../../http/schemas.js';

const idParam = z.string().min(1).max(64);
const plateText = z.string().min(1).max(40).meta({ example: '12/34567' });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).meta({ example: '05:00' });
const gallons = z.number().int().min(0).max(1_000_000).meta({ description: 'Imperial gallons, whole' });
const terminalId = z.string().trim().min(1).max(64).regex(/^[\w.:-]+$/).meta({ description: "The terminal's own id of this dispense: the idempotency key" });

// ── registry ──
export const createOperatorBody = z.object({
  kind: z.enum(['person', 'company']),
  civilId: civilIdSchema.optional(),
  commercialRegistration: z.string().trim().regex(/^\d{1,12}$/).optional(),
  nameAr: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  phone: z.string().trim().regex(/^\+?\d{8,15}$/).optional(),
}).strict();
export type CreateOperatorInput = z.output<typeof createOperatorBody>;

export const operatorResponse = z.object({
  id: z.string(), kind: z.enum(['person', 'company']), civilId: z.string().nullable(), commercialRegistration: z.string().nullable(),
  nameAr: z.string(), nameEn: z.string(), currency: z.string(),
  wallet: z.object({ available: z.string(), held: z.string(), debt: z.string() }).strict(),
}).strict().meta({ id: 'PrepaidOperator' });
export const myOperatorsResponse = z.object({ operators: z.array(operatorResponse) }).strict();

export const createTruckBody = z.object({ plate: plateText, tankCapacityGallons: z.number().int().min(100).max(20_000) }).strict();
export type CreateTruckInput = z.output<typeof createTruckBody>;
export const truckResponse = z.object({ id: z.string(), operatorId: z.string(), plate: z.string(), tankCapacityGallons: z.number().int(), blocked: z.boolean() }).strict();
export const blockTruckBody = z.object({ blocked: z.boolean() }).strict();

export const createStationBody = z.object({
  code: z.string().trim().regex(/^[A-Z0-9-]{2,20}$/),
  nameAr: z.string().trim().min(1).max(200),
  nameEn: z.string().trim().min(1).max(200),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  nozzles: z.number().int().min(1).max(32),
  opensAt: hhmm,
  closesAt: hhmm,
  terminalClientId: z.string().min(1).max(64).meta({ description: 'The api client (role station) that is this station\'s terminal' }),
}).strict();
export type CreateStationInput = z.output<typeof createStationBody>;
export const stationResponse = z.object({
  id: z.string(), code: z.string(), nameAr: z.string(), nameEn: z.string(), latitude: z.number(), longitude: z.number(),
  nozzles: z.number().int(), opensAt: z.string(), closesAt: z.string(),
}).strict();
export const stationsResponse = z.object({ stations: z.array(stationResponse) }).strict();

export const createTariffBody = z.object({
  effectiveFrom: z.iso.datetime({ offset: true }),
  pricePerThousandGallons: amountSchema.meta({ description: 'KWD per 1,000 imperial gallons', example: '0.275' }),
}).strict();
export const tariffResponse = z.object({ id: z.string(), effectiveFrom: z.string(), currency: z.string(), pricePerThousandGallons: z.string() }).strict();

// ── wallet ──
export const topupBody = z.object({ amount: amountSchema }).strict();
export const topupResponse = z.object({ topupId: z.string(), payableId: z.string(), reference: z.string(), amount: z.string(), currency: z.string() }).strict().meta({ id: 'PrepaidTopup' });
export const statementResponse = z.object({
  operatorId: z.string(), currency: z.string(), available: z.string(), held: z.string(), debt: z.string(),
  topups: z.array(z.object({
    id: z.string(), payableId: z.string(), reference: z.string(), amount: z.string(),
    status: z.enum(['awaiting_payment', 'paid', 'credited', 'cancelled']).meta({ description: 'paid = paid and credited on the next look at the wallet' }),
    requestedAt: z.string(), creditedAt: z.string().nullable(),
  }).strict()),
  dispenses: z.array(z.object({
    id: z.string(), plate: z.string(), stationCode: z.string().nullable(), stationNameAr: z.string().nullable(), stationNameEn: z.string().nullable(),
    mode: z.string(), status: z.string(), gallons: z.number().int(),
    amount: z.string().nullable(), startedAt: z.string(), settledAt: z.string().nullable(),
  }).strict()),
}).strict().meta({ id: 'PrepaidStatement' });

// ── the terminal protocol ──
export const authoriseBody = z.object({
  dispenseId: terminalId,
  plate: plateText,
  nozzle: z.number().int().min(1).max(32),
  requestedGallons: gallons.min(1),
}).strict();
export type AuthoriseInput = z.output<typeof authoriseBody>;

export const reportBody = z.object({ sequence: z.number().int().min(1).max(1_000_000_000), gallons }).strict();
export type ReportInput = z.output<typeof reportBody>;
export const settleBody = z.object({ gallons }).strict();

export const dispenseResponse = z.object({
  dispenseId: z.string(), status: z.enum(['authorised', 'dispensing', 'settled']), plate: z.string(),
  requestedGallons: z.number().int(), dispensedGallons: z.number().int(), lastSequence: z.number().int(),
  pricePerThousandGallons: z.string(), held: z.string(), charged: z.string().nullable(), released: z.string().nullable(),
  currency: z.string(), settledBy: z.string().nullable(),
}).strict();
export const dispenseParams = z.object({ dispenseId: terminalId }).strict();
export const idParams = z.object({ id: idParam }).strict();

// ── offline ──
export const allowListResponse = z.object({
  body: z.string().meta({ description: 'The allow-list as JSON text: stationCode, issuedAt, validUntil, currency, pricePerThousandGallons, trucks[{plate, capGallons}]' }),
  signature: z.string().meta({ description: 'hex HMAC-SHA256 of body with the server key: the terminal keeps both and shows them on audit' }),
}).strict();

export const offlineUploadBody = z.object({
  dispenses: z.array(z.object({ dispenseId: terminalId, plate: plateText, nozzle: z.number().int().min(1).max(32), gallons: gallons.min(1), at: z.iso.datetime({ offset: true }) }).strict()).min(1).max(1000),
}).strict();
export type OfflineUploadInput = z.output<typeof offlineUploadBody>;
export const offlineUploadResponse = z.object({
  results: z.array(z.object({ dispenseId: z.string(), outcome: z.enum(['recorded', 'already_recorded', 'refused']), charged: z.string().nullable(), debt: z.string().nullable(), code: z.string().nullable() }).strict()),
}).strict();

// ── reports ──
export const reportQuery = z.object({
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  by: z.enum(['day', 'month']).default('day').meta({ description: 'one row per station and business day, or per station and month' }),
}).strict();
export const stationReportResponse = z.object({
  from: z.string(), to: z.string(), by: z.enum(['day', 'month']), currency: z.string(),
  rows: z.array(z.object({
    stationCode: z.string(), stationNameAr: z.string(), stationNameEn: z.string(),
    period: z.string().meta({ description: 'YYYY-MM-DD by day, YYYY-MM by month' }), day: z.string().nullable(),
    dispenses: z.number().int(), gallons: z.number().int(), amount: z.string(),
  }).strict()),
  total: z.object({ amount: z.string(), millionGallons: z.string(), pricePerThousandGallons: z.string().nullable() }).strict(),
}).strict().meta({ id: 'PrepaidStationReport' });

export const monthlyReportQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM') }).strict();
const monthlyLine = z.object({
  code: z.string(), nameAr: z.string(), nameEn: z.string(), dispenses: z.number().int(), gallons: z.number().int(), amount: z.string(), debt: z.string(), currency: z.string(),
}).strict();
export const monthlyReportResponse = z.object({
  month: z.string(), stations: z.array(monthlyLine), operators: z.array(monthlyLine),
  total: z.object({ dispenses: z.number().int(), gallons: z.number().int(), amount: z.string(), currency: z.string() }).strict(),
}).strict();
