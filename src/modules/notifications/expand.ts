// One event → one notification per channel and address the person wants it on, rendered in their language.
// Runs inside the transaction that holds the outbox rows; (outbox_id, channel, address) is unique, so expanding an
// event twice creates nothing new.
import { normalizeEmail, normalizePhone } from '../../shared/contact.js';
import type { Ctx } from '../../platform/context.js';
import { localDate } from '../../platform/clock.js';
import { newId } from '../../shared/ids.js';
import { seal, unseal } from '../../platform/sealing.js';
import { contactsOfPeople, findPersonIdByCivilId } from '../identity/index.js';
import type { PersonContacts as ContactsRow } from '../identity/index.js';
import { payables } from '../billers/index.js';
import type { EventTopic } from '../../platform/outbox.js';
import type { NotificationInsert } from './notifications.store.js';
import type { OutboxEvent } from '../../platform/outbox.queue.js';
import { preferenceMatrices, silencedPhones } from './preferences.service.js';
import { composeEmail, renderEmailSection, renderSms } from './render.js';
import { pickTemplate, type TemplateSet } from './templates.service.js';
import { templateValues } from './templates.values.js';
import { TOPIC_CATEGORY, asLanguage, isTopic, type Language } from './topics.js';
import { unsubscribeUrl } from './unsubscribe.js';

export interface ExpansionResult {
  rows: NotificationInsert[];
  /** Events that produced nothing, and why (kept on the outbox row). */
  notes: Map<bigint, string>;
  /** Events that could not be expanded: tried again later, or dead at once when trying again cannot help. */
  failures: Map<bigint, { error: string; permanent: boolean }>;
}

interface EventPayload {
  personId?: string | null;
  civilId?: string | null;
  vars?: Record<string, unknown>;
  [key: string]: unknown;
}

type Contacts = ContactsRow;

/** Recipients looked up ahead of the transaction (see lookUpRecipients); anything missing is looked up inside it. */
export interface RecipientDirectory {
  personIdByCivilId: Map<string, string | null>;
  contacts: Map<string, Contacts | null>;
}

export const emptyDirectory = (): RecipientDirectory => ({ personIdByCivilId: new Map(), contacts: new Map() });

/**
 * Looks up the people the next events are for, outside the claiming transaction (which then holds its row locks
 * for less time). Reads that race a change are harmless: contact details a few milliseconds old.
 */
export async function lookUpRecipients(ctx: Ctx, recipients: { personId: string | null; civilId: string | null }[], parallel = 8): Promise<RecipientDirectory> {
  const directory = emptyDirectory();
  const civilIds = [...new Set(recipients.filter((r) => !r.personId && r.civilId).map((r) => r.civilId!))];
  await inParallel(civilIds, parallel, async (civilId) => {
    directory.personIdByCivilId.set(civilId, (await findPersonIdByCivilId(ctx, civilId)) ?? null);
  });
  const personIds = new Set(recipients.map((r) => r.personId ?? (r.civilId ? directory.personIdByCivilId.get(r.civilId) : null)).filter((id): id is string => Boolean(id)));
  const found = await contactsOfPeople(ctx, [...personIds]);
  for (const personId of personIds) directory.contacts.set(personId, found.get(personId) ?? null);
  return directory;
}

async function inParallel<T>(items: T[], parallel: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

export async function expandEvents(tx: Ctx, events: OutboxEvent[], templates: TemplateSet, directory: RecipientDirectory = emptyDirectory()): Promise<ExpansionResult> {
  const result: ExpansionResult = { rows: [], notes: new Map(), failures: new Map() };
  const now = tx.clock.now();
  const recipients = new Map<bigint, string>();
  for (const event of events) {
    if (!isTopic(event.topic)) {
      result.failures.set(event.id, { error: `unknown topic ${event.topic}`, permanent: true });
      continue;
    }
    const payload = (event.payload ?? {}) as EventPayload;
    // Without its values a template would go out with blanks ("a bill of  due on "): better a visible dead event.
    if (!payload.vars || typeof payload.vars !== 'object' || Object.keys(payload.vars).length === 0) {
      result.failures.set(event.id, { error: 'the event carries no vars for its message', permanent: true });
      continue;
    }
    let personId = payload.personId ?? undefined;
    if (!personId && payload.civilId) {
      const known = directory.personIdByCivilId.get(payload.civilId);
      personId = known === undefined ? await findPersonIdByCivilId(tx, payload.civilId) : known ?? undefined;
    }
    if (personId) recipients.set(event.id, personId);
    else result.notes.set(event.id, 'no registered person for this event');
  }
  const personIds = [...new Set(recipients.values())];
  const missing = personIds.filter((id) => !directory.contacts.has(id));
  const lookedUp = await contactsOfPeople(tx, missing);
  const contacts = new Map<string, Contacts>();
  for (const personId of personIds) {
    const found = directory.contacts.get(personId) ?? lookedUp.get(personId);
    if (found) contacts.set(personId, found);
  }
  const matrices = await preferenceMatrices(tx, personIds);
  const silenced = await silencedPhones(tx, personIds);
  const today = localDate(now, tx.config.TZ_BUSINESS);
  const settled = await settledPayables(tx, events.filter((e) => e.topic === 'bill.due_soon'));

  for (const event of events) {
    const personId = recipients.get(event.id);
    if (!personId || !isTopic(event.topic) || result.failures.has(event.id)) continue;
    if (settled.has(event.id)) {
      result.notes.set(event.id, 'the bill was paid or cancelled before its reminder was due');
      continue;
    }
    const person = contacts.get(personId);
    if (!person) {
      result.notes.set(event.id, `person ${personId} not found`);
      continue;
    }
    const topic: EventTopic = event.topic;
    const category = TOPIC_CATEGORY[topic];
    const wants = matrices.get(personId)!;
    const payload = (event.payload ?? {}) as EventPayload;
    const vars = stringVars(payload.vars);
    const language = asLanguage(person.person.preferredLanguage);
    const name = { ar: person.person.nameAr, en: person.person.nameEn };
    const values = (lang: Language) => templateValues({ topic, language: lang, vars, payload, name, today, timeZone: tx.config.TZ_BUSINESS });
    const base = { outboxId: event.id, topic, category, personId, language, createdAt: now, updatedAt: now, availableAt: now };

    if (category === 'security') {
      // Only to the phone the code was asked for, and only while it is still one of theirs; no email.
      const phone = typeof payload.phone === 'string' ? validAddresses([payload.phone], normalizePhone)[0] : undefined;
      if (phone && validAddresses(person.phones, normalizePhone).includes(phone)) {
        const opened = openSealedVars(tx.config.secret, payload.sealedVars);
        if (!opened) {
          result.failures.set(event.id, { error: 'the sealed code cannot be opened (was TASDEED_SECRET changed?)', permanent: true });
          continue;
        }
        const template = pickTemplate(templates, topic, 'sms', language).body;
        const masked = Object.fromEntries(Object.keys(opened).map((key) => [key, '••••••']));
        result.rows.push({
          ...base, id: newId('ntf'), channel: 'sms', address: phone,
          body: renderSms(template, { ...values(language), ...masked }),
          sealedBody: seal(renderSms(template, { ...values(language), ...opened }), tx.config.secret, 'one-time-codes'),
        });
      } else {
        result.notes.set(event.id, 'the phone is no longer registered to the person');
      }
      continue;
    }

    if (wants[category].sms) {
      const body = renderSms(pickTemplate(templates, topic, 'sms', language).body, values(language));
      for (const phone of validAddresses(person.phones, normalizePhone)) {
        if (silenced.get(personId)?.has(phone)) continue;
        result.rows.push({ ...base, id: newId('ntf'), channel: 'sms', address: phone, body });
      }
    }
    if (wants[category].email) {
      const other: Language = language === 'ar' ? 'en' : 'ar';
      const section = (lang: Language) => ({ language: lang, ...renderEmailSection(emailTemplate(templates, topic, lang), values(lang)) });
      const email = composeEmail(section(language), section(other), category, unsubscribeUrl(tx.config.publicUrl, tx.config.secret, personId, category));
      for (const address of validAddresses(person.emails, normalizeEmail)) {
        result.rows.push({ ...base, id: newId('ntf'), channel: 'email', address, subject: email.subject, body: email.text, html: email.html });
      }
    }
    if (!result.rows.some((row) => row.outboxId === event.id)) result.notes.set(event.id, 'the person receives this topic on no channel');
  }
  return result;
}

/** Reminders written days ahead (availableAt) whose bill is no longer owed: paid or cancelled since. */
async function settledPayables(tx: Ctx, reminders: OutboxEvent[]): Promise<Set<bigint>> {
  const byPayable = new Map<string, bigint[]>();
  for (const event of reminders) {
    const payableId = (event.payload as EventPayload | null)?.payableId;
    if (typeof payableId === 'string') byPayable.set(payableId, [...(byPayable.get(payableId) ?? []), event.id]);
  }
  if (byPayable.size === 0) return new Set();
  const found = await payables.findMany(tx, [...byPayable.keys()]);
  return new Set(found.filter((p) => p.status === 'paid' || p.status === 'cancelled').flatMap((p) => byPayable.get(p.id) ?? []));
}

function emailTemplate(templates: TemplateSet, topic: EventTopic, language: Language): { subject: string; body: string } {
  const template = pickTemplate(templates, topic, 'email', language);
  return { subject: template.subject ?? '', body: template.body };
}

/** A security event's sealed values (the code), opened; undefined when one cannot be (another secret, altered). */
function openSealedVars(secret: string, sealedVars: unknown): Record<string, string> | undefined {
  if (!sealedVars || typeof sealedVars !== 'object') return {};
  try {
    return Object.fromEntries(Object.entries(sealedVars).map(([key, value]) => [key, unseal(String(value), secret, 'one-time-codes')]));
  } catch {
    return undefined;
  }
}

/** Template values are text; a number or a boolean in `vars` is written as such, anything else is left out. */
function stringVars(vars: Record<string, unknown> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(vars ?? {})) {
    if (typeof value === 'string') result[key] = value;
    else if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') result[key] = String(value);
  }
  return result;
}

/** Addresses identity holds are normalised already; one that is not valid any more is skipped, not sent to. */
function validAddresses(addresses: string[], normalize: (value: string) => string): string[] {
  const valid = new Set<string>();
  for (const address of addresses) {
    try {
      valid.add(normalize(address));
    } catch {
      // not E.164 / not an email address: never handed to the SMS centre or the relay
    }
  }
  return [...valid];
}
