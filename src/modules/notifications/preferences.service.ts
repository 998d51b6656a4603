// What a person wants to receive: per topic group and channel (defaults in topics.ts until they choose), and which
// of their phones may get SMS. Three ways to opt out, all at any time: the API (signed-in citizen), the signed link
// in every email, and a STOP reply by SMS.
import type { z } from 'zod';
import { AppError } from '../../platform/errors/app-error.js';
import { normalizePhone } from '../../shared/contact.js';
import { inTransaction, type Ctx } from '../../platform/context.js';
import { requireRole, systemActor, type Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { contactsOfPerson, personIdsByPhone } from '../identity/index.js';
import * as store from './preferences.store.js';
import { CATEGORIES, CHANNELS, DEFAULT_PREFERENCES, type Category, type Channel } from './topics.js';
import { verifyUnsubscribeToken } from './unsubscribe.js';
import type { updatePreferencesBody } from './notifications.schemas.js';

export type PreferenceMatrix = Record<Category, Record<Channel, boolean>>;

export function defaultMatrix(): PreferenceMatrix {
  return Object.fromEntries(CATEGORIES.map((c) => [c, { ...DEFAULT_PREFERENCES[c] }])) as PreferenceMatrix;
}

/** Each person's effective choices: their rows over the defaults. */
export async function preferenceMatrices(ctx: Ctx, personIds: string[]): Promise<Map<string, PreferenceMatrix>> {
  const matrices = new Map(personIds.map((id) => [id, defaultMatrix()]));
  for (const row of await store.preferencesOf(ctx.db, personIds)) {
    const matrix = matrices.get(row.personId);
    const channel = row.channel as Channel;
    if (matrix && row.category in matrix && (channel === 'sms' || channel === 'email')) matrix[row.category as Category][channel] = row.enabled;
  }
  return matrices;
}

/** Phones each person turned off (or that replied STOP). */
export async function silencedPhones(ctx: Ctx, personIds: string[]): Promise<Map<string, Set<string>>> {
  const result = new Map<string, Set<string>>();
  for (const row of await store.phoneOptOutsOf(ctx.db, personIds)) {
    if (!result.has(row.personId)) result.set(row.personId, new Set());
    result.get(row.personId)!.add(row.phone);
  }
  return result;
}

export interface MyPreferences {
  preferences: PreferenceMatrix;
  phones: { phone: string; sms: boolean }[];
  emails: string[];
  language: 'ar' | 'en';
}

function personOf(actor: Actor): { id: string } {
  requireRole(actor, 'citizen');
  if (actor.kind !== 'person') throw new AppError('forbidden');
  return { id: actor.id };
}

export async function getMyPreferences(ctx: Ctx, actor: Actor): Promise<MyPreferences> {
  const { id } = personOf(actor);
  const contacts = await contactsOfPerson(ctx, id);
  if (!contacts) throw new AppError('not_found');
  const matrix = (await preferenceMatrices(ctx, [id])).get(id)!;
  const silenced = (await silencedPhones(ctx, [id])).get(id) ?? new Set<string>();
  return {
    preferences: matrix,
    phones: contacts.phones.map((phone) => ({ phone, sms: !silenced.has(phone) })),
    emails: contacts.emails,
    language: contacts.person.preferredLanguage === 'en' ? 'en' : 'ar',
  };
}

export type PreferencesUpdate = z.output<typeof updatePreferencesBody>;

export async function updateMyPreferences(ctx: Ctx, actor: Actor, update: PreferencesUpdate): Promise<MyPreferences> {
  const { id } = personOf(actor);
  const contacts = await contactsOfPerson(ctx, id);
  if (!contacts) throw new AppError('not_found');
  const phones = (update.phones ?? []).map((p) => ({ phone: normalizePhone(p.phone), sms: p.sms }));
  for (const { phone } of phones) if (!contacts.phones.includes(phone)) throw new AppError('phone_not_registered', { phone });
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    const changed: string[] = [];
    for (const category of CATEGORIES) {
      for (const channel of CHANNELS) {
        const enabled = update.preferences?.[category]?.[channel];
        if (enabled === undefined) continue;
        await store.setPreference(tx.db, { personId: id, category, channel, enabled, source: 'api', updatedAt: now });
        changed.push(`${category}.${channel}=${enabled ? 'on' : 'off'}`);
      }
    }
    for (const { phone, sms } of phones) {
      const did = sms ? await store.removePhoneOptOut(tx.db, id, phone) : await store.addPhoneOptOut(tx.db, { personId: id, phone, source: 'api', createdAt: now });
      if (did) changed.push(`${phone}.sms=${sms ? 'on' : 'off'}`);
    }
    await recordAudit(tx, actor, { action: 'notification_preferences.update', entityType: 'person', entityId: id, detail: { changed } });
  });
  return getMyPreferences(ctx, actor);
}

/** The email link: turns off that topic group's emails. Idempotent; answers which group it was. */
export async function unsubscribeByToken(ctx: Ctx, token: string): Promise<{ category: Category }> {
  const verified = verifyUnsubscribeToken(ctx.config.secret, token);
  if (!verified) throw new AppError('unsubscribe_link_invalid');
  await setByLink(ctx, verified.personId, verified.category, false);
  return { category: verified.category };
}

/** The page's "subscribe again" button, with the same signed token. */
export async function resubscribeByToken(ctx: Ctx, token: string): Promise<{ category: Category }> {
  const verified = verifyUnsubscribeToken(ctx.config.secret, token);
  if (!verified) throw new AppError('unsubscribe_link_invalid');
  await setByLink(ctx, verified.personId, verified.category, true);
  return { category: verified.category };
}

async function setByLink(ctx: Ctx, personId: string, category: Category, enabled: boolean): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await store.setPreference(tx.db, { personId, category, channel: 'email', enabled, source: 'email_link', updatedAt: ctx.clock.now() });
    await recordAudit(tx, systemActor('email-unsubscribe-link'), {
      action: enabled ? 'notification_preferences.resubscribe' : 'notification_preferences.unsubscribe', entityType: 'person', entityId: personId, detail: { category, channel: 'email' },
    });
  });
}

const STOP_WORDS = new Set(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'إيقاف', 'ايقاف', 'الغاء', 'إلغاء', 'توقف']);
const START_WORDS = new Set(['START', 'UNSTOP', 'تشغيل', 'اشتراك']);

/** What a reply means: opt out, opt back in, or nothing we act on. Case, spaces, dots and tatweel do not matter. */
export function keywordOf(text: string): 'stop' | 'start' | null {
  const word = text.normalize('NFC').replace(/[\u0640\s.!،,]/g, '').toUpperCase();
  if (STOP_WORDS.has(word)) return 'stop';
  if (START_WORDS.has(word)) return 'start';
  return null;
}

/**
 * An SMS from a handset. STOP silences that number for every person who registered it (the number's owner asked);
 * START lets it receive again. Anything else is ignored. Returns what was done, for the log.
 */
export async function handleInboundSms(ctx: Ctx, message: { from: string; text: string }): Promise<{ action: 'opted_out' | 'opted_in' | 'ignored'; people: number }> {
  const keyword = keywordOf(message.text);
  if (!keyword) return { action: 'ignored', people: 0 };
  const phone = inboundPhone(message.from);
  if (!phone) return { action: 'ignored', people: 0 };
  const people = await personIdsByPhone(ctx, phone);
  const now = ctx.clock.now();
  await inTransaction(ctx, async (tx) => {
    for (const personId of people) {
      if (keyword === 'stop') await store.addPhoneOptOut(tx.db, { personId, phone, source: 'sms_keyword', createdAt: now });
      else await store.removePhoneOptOut(tx.db, personId, phone);
      await recordAudit(tx, systemActor('sms-keyword'), {
        action: keyword === 'stop' ? 'notification_preferences.sms_stop' : 'notification_preferences.sms_start', entityType: 'person', entityId: personId, detail: { phone },
      });
    }
  });
  return { action: keyword === 'stop' ? 'opted_out' : 'opted_in', people: people.length };
}

/** SMS centres give the sender as `+965…`, `965…` (international without the plus) or a local 8-digit number. */
function inboundPhone(from: string): string | null {
  for (const candidate of [from, /^\d{9,15}$/.test(from) ? `+${from}` : null]) {
    if (!candidate) continue;
    try {
      return normalizePhone(candidate);
    } catch {
      // try the next reading
    }
  }
  return null;
}
