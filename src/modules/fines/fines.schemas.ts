// Request and response schemas of the fines API, side by side with their types.
import { z } from 'zod';
import { bilingual, civilIdSchema, dateSchema } from '../../http/schemas.js';

const plateText = z.string().min(1).max(40).meta({ description: 'Plate as written: "12/34567", "12 34567", "١٢/٣٤٥٦٧"', example: '12/34567' });
const idParam = z.string().min(1).max(64);

// ── catalogue ──
export const violationTypeSchema = z.object({
  code: z.string(),
  nameAr: z.string(),
  nameEn: z.string(),
  amount: z.string(),
  currency: z.string(),
  isSpeeding: z.boolean(),
  payableOnline: z.boolean(),
  holdReason: bilingual.nullable(),
  speedingBands: z.array(z.object({ overFromKmh: z.number().int(), overToKmh: z.number().int().nullable(), amount: z.string() }).strict()),
}).strict().meta({ id: 'ViolationType' });
export const finePreviewQuery = z.object({
  typeCode: z.string().min(1).max(64),
  speedKmh: z.coerce.number().int().min(1).max(500).optional(),
  limitKmh: z.coerce.number().int().min(1).max(300).optional(),
}).strict();
export const finePreviewResponse = z.object({
  typeCode: z.string(),
  amount: z.string(),
  currency: z.string(),
  /** For speeding: the band the speed falls in (km/h over the limit). */
  speedingBand: z.object({ overFromKmh: z.number().int(), overToKmh: z.number().int().nullable() }).strict().nullable(),
}).strict().meta({ id: 'FinePreview' });
export const catalogueResponse = z.object({ types: z.array(violationTypeSchema) }).strict();

// ── recording ──
export const recordViolationBody = z.object({
  violationNumber: z.string().trim().min(1).max(64).regex(/^[\w./-]+$/, 'letters, digits and . _ / - only')
    .meta({ description: 'The source system\'s number: the idempotency key', example: 'CAM-20260314-000123' }),
  plate: plateText,
  typeCode: z.string().min(1).max(64).meta({ example: 'speeding' }),
  occurredAt: z.iso.datetime({ offset: true }).meta({ example: '2026-03-14T21:05:00+03:00' }),
  place: z.object({
    text: z.string().trim().min(1).max(200).meta({ example: 'طريق الملك فهد، تقاطع الدائري الخامس' }),
    textEn: z.string().trim().min(1).max(200).optional().meta({ example: 'King Fahd Road at the 5th Ring Road' }),
    latitude: z.number().min(-90).max(90).optional(),
    longitude: z.number().min(-180).max(180).optional(),
  }).strict(),
  evidenceRef: z.string().trim().min(1).max(300).optional().meta({ example: 'cam://KW-HWL-017/2026-03-14/000123.jpg' }),
  speedKmh: z.number().int().min(1).max(500).optional(),
  limitKmh: z.number().int().min(1).max(300).optional(),
}).strict();
export type RecordViolationBody = z.infer<typeof recordViolationBody>;

export const violationSchema = z.object({
  id: z.string(),
  violationNumber: z.string(),
  plate: z.string(),
  detail: z.enum(['full', 'masked']),
  type: z.object({ code: z.string(), nameAr: z.string(), nameEn: z.string() }).strict(),
  occurredOn: dateSchema.optional().meta({ description: 'The day it happened; absent for a stranger (a look-up by plate or civil ID by someone else)' }),
  amount: z.string(),
  amountDue: z.string(),
  currency: z.string(),
  status: z.enum(['unpaid', 'partially_paid', 'paid', 'cancelled']),
  payableId: z.string().nullable(),
  dueDate: dateSchema.nullable(),
  payableOnline: z.boolean(),
  holdReason: bilingual.nullable(),
  objection: z.object({ id: z.string(), status: z.string() }).strict().nullable(),
  ownerCivilId: z.string().nullable().meta({ description: 'Masked unless the caller is the owner or traffic staff' }),
  speedKmh: z.number().int().nullable().meta({ description: 'null for a stranger' }),
  limitKmh: z.number().int().nullable().meta({ description: 'null for a stranger' }),
  occurredAt: z.string().optional(),
  place: z.object({ ar: z.string(), en: z.string(), latitude: z.number().nullable(), longitude: z.number().nullable() }).strict().optional(),
  evidenceRef: z.string().nullable().optional(),
  recordedAt: z.string().optional(),
  notifiedAt: z.string().nullable().optional(),
}).strict().meta({ id: 'Violation' });
export const violationResponse = violationSchema;
export const violationsResponse = z.object({ violations: z.array(violationSchema) }).strict();

export const lookupQuery = z.object({ plate: plateText.optional(), civilId: civilIdSchema.optional() }).strict();
export const violationParams = z.object({ id: idParam }).strict();

// ── objections ──
export const objectionBody = z.object({ reason: z.string().trim().min(5).max(2000) }).strict();
export const decisionBody = z.object({ decision: z.enum(['uphold', 'cancel']), reason: z.string().trim().min(3).max(2000) }).strict();
export const objectionsQuery = z.object({ status: z.enum(['pending', 'upheld', 'cancelled']).default('pending') }).strict();
export const objectionSchema = z.object({
  id: z.string(),
  violationId: z.string(),
  civilId: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'upheld', 'cancelled']),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
}).strict().meta({ id: 'ViolationObjection' });
export const objectionsResponse = z.object({ objections: z.array(objectionSchema) }).strict();
export const decisionResponse = z.object({
  objection: objectionSchema,
  cancellation: z.object({ violationId: z.string(), refunded: z.string(), writtenOff: z.string(), currency: z.string() }).strict().nullable(),
}).strict();

// ── clearance ──
export const clearanceQuery = lookupQuery;
export const clearanceResponse = z.object({
  subject: z.object({ civilId: z.string().optional(), plate: z.string().optional() }).strict(),
  clear: z.boolean(),
  checkedAt: z.string(),
  totalDue: z.string(),
  currency: z.string(),
  blocking: z.array(z.object({
    violationNumber: z.string(), violationId: z.string(), plate: z.string(), typeCode: z.string(), typeAr: z.string(), typeEn: z.string(),
    occurredAt: z.string(), amountDue: z.string(), currency: z.string(), payableId: z.string(), payableOnline: z.boolean(),
  }).strict()),
}).strict().meta({ id: 'Clearance' });

// ── vehicles and licences ──
export const registerVehicleBody = z.object({
  plate: plateText,
  ownerCivilId: civilIdSchema,
  make: z.string().trim().min(1).max(60),
  model: z.string().trim().min(1).max(60),
  colour: z.string().trim().min(1).max(40),
  modelYear: z.number().int().min(1900).max(2100).optional(),
  registrationExpiresOn: dateSchema,
  nextInspectionOn: dateSchema.nullable().optional(),
}).strict();
export const updateVehicleBody = z.object({
  ownerCivilId: civilIdSchema.optional(),
  colour: z.string().trim().min(1).max(40).optional(),
  registrationExpiresOn: dateSchema.optional(),
  nextInspectionOn: dateSchema.nullable().optional(),
}).strict();
export const vehicleSchema = z.object({
  id: z.string(),
  plate: z.string(),
  ownerCivilId: z.string(),
  make: z.string(),
  model: z.string(),
  colour: z.string(),
  modelYear: z.number().int().nullable(),
  registrationExpiresOn: z.string(),
  nextInspectionOn: z.string().nullable(),
}).strict().meta({ id: 'Vehicle' });
export const registerVehicleResponse = z.object({ vehicle: vehicleSchema, matchedViolations: z.number().int() }).strict();
export const vehiclesQuery = z.object({ civilId: civilIdSchema.optional(), plate: plateText.optional() }).strict();
export const vehiclesResponse = z.object({ vehicles: z.array(vehicleSchema) }).strict();

export const registerLicenceBody = z.object({
  licenceNumber: z.string().trim().min(1).max(40),
  civilId: civilIdSchema,
  category: z.string().trim().min(1).max(40),
  expiresOn: dateSchema,
}).strict();
export const renewLicenceBody = z.object({ expiresOn: dateSchema }).strict();
export const licenceParams = z.object({ licenceNumber: z.string().min(1).max(40) }).strict();
export const licenceSchema = z.object({ id: z.string(), licenceNumber: z.string(), civilId: z.string(), category: z.string(), expiresOn: z.string() }).strict().meta({ id: 'DrivingLicence' });
export const licencesQuery = z.object({ civilId: civilIdSchema }).strict();
export const licencesResponse = z.object({ licences: z.array(licenceSchema) }).strict();
