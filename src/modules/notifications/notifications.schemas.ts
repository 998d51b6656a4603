import { z } from 'zod';
import { languageSchema } from '../../http/schemas.js';
import { CATEGORIES, CHANNELS, TOPICS } from './topics.js';

const channelSwitches = z.object({ sms: z.boolean(), email: z.boolean() }).strict();
const channelSwitchesPatch = z.object({ sms: z.boolean().optional(), email: z.boolean().optional() }).strict();

export const preferencesMatrixSchema = z.object(Object.fromEntries(CATEGORIES.map((c) => [c, channelSwitches])) as Record<(typeof CATEGORIES)[number], typeof channelSwitches>)
  .strict().meta({ id: 'NotificationPreferenceMatrix', description: 'Per topic group, whether SMS and email are on' });

export const myPreferencesResponse = z.object({
  preferences: preferencesMatrixSchema,
  phones: z.array(z.object({ phone: z.string(), sms: z.boolean() }).strict()).meta({ description: 'Registered phones; sms=false means this number gets no SMS (turned off, or replied STOP)' }),
  emails: z.array(z.string()),
  language: languageSchema,
}).strict().meta({ id: 'NotificationPreferences' });

export const updatePreferencesBody = z.object({
  preferences: z.object(Object.fromEntries(CATEGORIES.map((c) => [c, channelSwitchesPatch.optional()])) as Record<(typeof CATEGORIES)[number], z.ZodOptional<typeof channelSwitchesPatch>>).strict().optional(),
  phones: z.array(z.object({ phone: z.string().max(20), sms: z.boolean() }).strict()).max(20).optional(),
}).strict();

export const notificationSchema = z.object({
  id: z.string(),
  outboxId: z.string(),
  topic: z.string(),
  category: z.string(),
  channel: z.enum(CHANNELS),
  address: z.string(),
  personId: z.string().nullable(),
  language: languageSchema,
  subject: z.string().nullable(),
  body: z.string(),
  status: z.string().meta({ description: 'pending | sending | sent | delivered | undelivered | expired | rejected | failed | dead' }),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  providerMessageIds: z.array(z.string()),
  segments: z.number().int().nullable(),
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  settledAt: z.string().nullable(),
  updatedAt: z.string(),
}).strict().meta({ id: 'Notification' });

export const notificationListResponse = z.object({
  notifications: z.array(notificationSchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.string().nullable(),
}).strict();

export const notificationListQuery = z.object({
  status: z.string().max(20).optional(),
  personId: z.string().max(64).optional(),
  outboxId: z.string().regex(/^\d{1,19}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  before: z.string().datetime({ offset: true }).optional(),
}).strict();

export const deadLetterQuery = notificationListQuery.omit({ status: true });

export const idParams = z.object({ id: z.string().max(64) }).strict();

export const templateSchema = z.object({
  topic: z.enum(TOPICS),
  channel: z.enum(CHANNELS),
  language: languageSchema,
  subject: z.string().nullable(),
  body: z.string(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
}).strict().meta({ id: 'NotificationTemplate' });

export const templatesResponse = z.object({
  templates: z.array(templateSchema),
  placeholders: z.record(z.string(), z.array(z.string())),
  smsMaxSegments: z.number().int(),
}).strict();

export const templateParams = z.object({ topic: z.enum(TOPICS), channel: z.enum(CHANNELS), language: languageSchema }).strict();

export const saveTemplateBody = z.object({
  subject: z.string().max(300).nullable().optional(),
  body: z.string().min(1).max(10_000),
}).strict();

export const unsubscribeParams = z.object({ token: z.string().max(300) }).strict();
