import { z } from 'zod';
import { amountSchema } from '../../http/schemas.js';

const id = z.string().min(1).max(64);
const office = z.string().min(1).max(60).meta({ example: 'hawalli' });

export const idParams = z.object({ id }).strict();

export const submitBody = z.object({
  typeCode: z.string().min(1).max(60),
  /** Staff submitting at a counter name the citizen; a citizen submits for themselves. */
  civilId: z.string().min(1).max(12).optional(),
  office,
  fields: z.record(z.string().max(60), z.string().max(2000)),
  attachments: z.array(z.object({
    name: z.string().min(1).max(60), filename: z.string().min(1).max(200), contentType: z.string().min(1).max(100),
    content: z.string().max(8 * 1024 * 1024).meta({ description: 'base64' }),
  }).strict()).max(10).default([]),
}).strict();

export const stepBody = z.object({
  step: z.enum(['accept', 'schedule', 'start', 'complete', 'reject']),
  note: z.string().max(2000).optional(),
  scheduledFor: z.iso.datetime({ offset: true }).optional(),
  /** A bill dispute's completion: how much to take off the bill (KWD). */
  adjustment: amountSchema.optional(),
}).strict();

export const commentBody = z.object({ body: z.string().min(1).max(2000) }).strict();

export const queueQuery = z.object({ office: office.optional(), typeCode: z.string().max(60).optional() }).strict();
export const mineQuery = z.object({ civilId: z.string().min(1).max(12).optional() }).strict();

export const requestSummary = z.object({
  id: z.string(), number: z.string(), typeCode: z.string(), civilId: z.string(), office: z.string(), status: z.string(),
  fields: z.record(z.string(), z.string()), feePayableId: z.string().nullable(), scheduledFor: z.string().nullable(),
  statusSince: z.string(), escalated: z.boolean(), decisionNote: z.string().nullable(), createdAt: z.string(),
});

export const requestDetail = requestSummary.extend({
  feePaid: z.boolean(),
  history: z.array(z.object({ kind: z.string(), fromStatus: z.string().nullable(), toStatus: z.string().nullable(), body: z.string().nullable(), actorKind: z.string(), at: z.string() })),
  attachments: z.array(z.object({ id: z.string(), name: z.string(), filename: z.string(), contentType: z.string(), sizeBytes: z.number() })),
});

export const requestTypeResponse = z.object({
  code: z.string(), nameAr: z.string(), nameEn: z.string(), fee: z.string(), currency: z.string(), feeBeforeWork: z.boolean(),
  fields: z.array(z.object({ name: z.string(), labelAr: z.string(), labelEn: z.string(), kind: z.string(), required: z.boolean(), maxLength: z.number().optional() })),
  attachments: z.array(z.object({ name: z.string(), labelAr: z.string(), labelEn: z.string(), contentTypes: z.array(z.string()), maxBytes: z.number() })),
});
