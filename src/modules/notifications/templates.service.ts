// Message templates: read (cached briefly, since every message needs one), listed and saved by admins. Saving an SMS
// template renders it with the longest plausible values and refuses it when it would need more than
// SMS_MAX_SEGMENTS segments: the mistake is caught by the person who made it, not by a bill run at 2 a.m.
import type { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import type { Config } from '../../config.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireRole, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { countSegments } from './sms/sms.encoding.js';
import type { EventTopic } from '../../platform/outbox.js';
import { renderSms } from './render.js';
import { DEFAULT_TEMPLATES } from './templates.defaults.js';
import { SAMPLE_NAME, sampleVars } from './templates.samples.js';
import { TOPIC_PLACEHOLDERS, placeholdersIn, templateValues } from './templates.values.js';
import * as store from './templates.store.js';
import { CHANNELS, LANGUAGES, TOPICS, isTopic, type Channel, type Language } from './topics.js';
import type { saveTemplateBody, templateParams } from './notifications.schemas.js';

export interface Template {
  topic: EventTopic;
  channel: Channel;
  language: Language;
  subject: string | null;
  body: string;
  updatedAt: Date | null;
  updatedBy: string | null;
}

export type TemplateSet = Map<string, Template>;

const templateKey = (topic: string, channel: string, language: string) => `${topic}|${channel}|${language}`;

function defaultTemplate(topic: EventTopic, channel: Channel, language: Language): Template {
  const given = DEFAULT_TEMPLATES[topic][language];
  return channel === 'sms'
    ? { topic, channel, language, subject: null, body: given.sms, updatedAt: null, updatedBy: null }
    : { topic, channel, language, subject: given.email.subject, body: given.email.body, updatedAt: null, updatedBy: null };
}

function defaultTemplates(): Template[] {
  return TOPICS.flatMap((topic) => CHANNELS.flatMap((channel) => LANGUAGES.map((language) => defaultTemplate(topic, channel, language))));
}

/** Seeds the table with the default texts where a row is missing (run when the dispatcher starts). */
export async function ensureDefaultTemplates(ctx: Ctx): Promise<number> {
  const rows = defaultTemplates().map((t) => ({ topic: t.topic, channel: t.channel, language: t.language, subject: t.subject, body: t.body, updatedBy: 'default' }));
  const inserted = await store.insertMissingTemplates(ctx.db, rows);
  if (inserted > 0) forgetTemplates();
  return inserted;
}

// Per database handle, for a few seconds: a template saved in another process applies within CACHE_MS.
const CACHE_MS = 5_000;
let cache = new WeakMap<object, { at: number; templates: TemplateSet }>();

export function forgetTemplates(): void {
  cache = new WeakMap();
}

/** Every template, the table's rows over the defaults. */
export async function loadTemplates(ctx: Ctx): Promise<TemplateSet> {
  const key = ctx.db as object;
  const cached = cache.get(key);
  if (cached && Date.now() - cached.at < CACHE_MS) return cached.templates;
  const templates: TemplateSet = new Map(defaultTemplates().map((t) => [templateKey(t.topic, t.channel, t.language), t]));
  for (const row of await store.allTemplates(ctx.db)) {
    if (!isTopic(row.topic)) continue;
    templates.set(templateKey(row.topic, row.channel, row.language), {
      topic: row.topic, channel: row.channel as Channel, language: row.language as Language, subject: row.subject, body: row.body,
      updatedAt: row.updatedAt, updatedBy: row.updatedBy,
    });
  }
  cache.set(key, { at: Date.now(), templates });
  return templates;
}

export function pickTemplate(templates: TemplateSet, topic: EventTopic, channel: Channel, language: Language): Template {
  return templates.get(templateKey(topic, channel, language)) ?? defaultTemplate(topic, channel, language);
}

export async function listTemplates(ctx: Ctx, actor: Actor): Promise<Template[]> {
  requireRole(actor, 'admin');
  forgetTemplates();
  return [...(await loadTemplates(ctx)).values()];
}

/** The request body and the template it is for, from the path. */
export type SaveTemplateInput = z.output<typeof templateParams> & z.output<typeof saveTemplateBody>;

/** How many segments an SMS template needs with the longest plausible values, and the text that was measured. */
export function measureSmsTemplate(config: Pick<Config, 'publicUrl' | 'TZ_BUSINESS'>, topic: EventTopic, language: Language, body: string): { segments: number; sample: string } {
  const { vars, payload } = sampleVars(topic, config.publicUrl);
  const sample = renderSms(body, templateValues({ topic, language, vars, payload, name: SAMPLE_NAME, today: '2026-11-28', timeZone: config.TZ_BUSINESS }));
  return { segments: countSegments(sample), sample };
}

/** Checks a template as it would be saved; throws the refusal's AppError. */
export function validateTemplate(config: Pick<Config, 'publicUrl' | 'SMS_MAX_SEGMENTS' | 'TZ_BUSINESS'>, input: SaveTemplateInput): void {
  if (!isTopic(input.topic)) throw new AppError('template_unknown', { topic: input.topic });
  const allowed = TOPIC_PLACEHOLDERS[input.topic];
  const unknown = [...new Set(placeholdersIn(`${input.subject ?? ''}\n${input.body}`))].filter((name) => !allowed.includes(name));
  if (unknown.length > 0) throw new AppError('template_placeholder_unknown', { unknown, allowed });
  if (input.channel === 'email' && !input.subject?.trim()) throw new AppError('template_subject_required');
  if (input.channel === 'sms') {
    const { segments, sample } = measureSmsTemplate(config, input.topic, input.language, input.body);
    if (segments > config.SMS_MAX_SEGMENTS) throw new AppError('template_too_long', { segments, max: config.SMS_MAX_SEGMENTS, sample });
  }
}

export async function saveTemplate(ctx: Ctx, actor: Actor, input: SaveTemplateInput): Promise<Template> {
  requireRole(actor, 'admin');
  const body = input.body.replace(/\r\n/g, '\n').trim();
  const subject = input.channel === 'email' ? (input.subject ?? '').trim() : null;
  try {
    validateTemplate(ctx.config, { ...input, body, subject });
  } catch (error) {
    if (error instanceof AppError) {
      await recordAudit(ctx, actor, { action: 'notification_template.save', entityType: 'notification_template', entityId: templateKey(input.topic, input.channel, input.language), outcome: 'refused', detail: { code: error.code } });
    }
    throw error;
  }
  const topic = input.topic as EventTopic;
  const updatedAt = ctx.clock.now();
  const updatedBy = actor.id;
  await inTransaction(ctx, async (tx) => {
    await store.upsertTemplate(tx.db, { topic, channel: input.channel, language: input.language, subject, body, updatedBy, updatedAt });
    await recordAudit(tx, actor, { action: 'notification_template.save', entityType: 'notification_template', entityId: templateKey(topic, input.channel, input.language) });
  });
  forgetTemplates();
  return { topic, channel: input.channel, language: input.language, subject, body, updatedAt, updatedBy };
}
