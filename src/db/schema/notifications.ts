import { sql } from 'drizzle-orm';
import { pgTable, text, timestamp, integer, bigint, boolean, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';

/**
 * Message texts per (event topic, channel, language), with `{{placeholders}}` filled from the event's `vars`.
 * The code carries a default for every topic (templates.defaults.ts); a row here is what an admin saved, and the
 * dispatcher writes the defaults in at start so the table always shows what is sent.
 */
export const notificationTemplates = pgTable('notification_templates', {
  topic: text().notNull(),
  /** sms | email */
  channel: text().notNull(),
  /** ar | en */
  language: text().notNull(),
  /** Email only: the subject line. */
  subject: text(),
  /** The SMS text, or the email's text body (the HTML part is laid out from it). */
  body: text().notNull(),
  updatedBy: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.topic, t.channel, t.language] })]);

/**
 * A person's choice per topic group (bills, reminders, receipts, violations) and channel. No row = the default
 * (preferences.ts). `source` says how it was last set: api, email_link, sms_keyword.
 */
export const notificationPreferences = pgTable('notification_preferences', {
  personId: text().notNull(),
  category: text().notNull(),
  channel: text().notNull(),
  enabled: boolean().notNull(),
  source: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.personId, t.category, t.channel] })]);

/** A phone of a person that must get no SMS at all (the person turned it off, or it replied STOP). */
export const notificationPhoneOptOuts = pgTable('notification_phone_opt_outs', {
  personId: text().notNull(),
  phone: text().notNull(),
  source: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.personId, t.phone] }), index('notification_phone_opt_outs_phone_idx').on(t.phone)]);

/**
 * One message to one address, expanded from one outbox event. Its send state lives here:
 * pending → sending → sent → delivered | undelivered | expired | rejected, or failed (a retry is due at
 * `availableAt`) → … → dead (gave up, `lastError` says why; an admin may resend).
 * Unique (outbox_id, channel, address): expanding the same event twice creates nothing new.
 */
export const notifications = pgTable('notifications', {
  id: text().primaryKey(),
  outboxId: bigint({ mode: 'bigint' }).notNull(),
  topic: text().notNull(),
  category: text().notNull(),
  channel: text().notNull(),
  address: text().notNull(),
  personId: text(),
  language: text().notNull(),
  /** Rendered when the event is expanded, so a retry or a resend sends the same words. */
  subject: text(),
  body: text().notNull(),
  html: text(),
  /**
   * The text actually sent, sealed (src/platform/sealing.ts), when it holds a one-time code: `body` then shows
   * the code masked, so a reader of this table cannot sign in as the person. Opened only to hand it to the SMS centre.
   */
  sealedBody: text(),
  status: text().notNull().default('pending'),
  /** Attempts started (incremented when an attempt is claimed, before any network call). */
  attempts: integer().notNull().default(0),
  availableAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  claimedBy: text(),
  /** While `sending`: the lease. A row still `sending` after it belonged to a worker that died. */
  claimedUntil: timestamp({ withTimezone: true }),
  /** What the SMS centre (one id per segment) or the mail server answered: proof the message left. */
  providerMessageIds: text().array(),
  segments: integer(),
  lastErrorCode: text(),
  lastError: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  sentAt: timestamp({ withTimezone: true }),
  /** When the final delivery receipt came (delivered or not). */
  settledAt: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('notifications_outbox_channel_address_key').on(t.outboxId, t.channel, t.address),
  // Only the rows a worker may still take are indexed for the claim, so the index stays small as history grows.
  index('notifications_due_idx').on(t.availableAt).where(sql`status IN ('pending', 'failed', 'sending')`),
  index('notifications_status_idx').on(t.status, t.updatedAt),
  index('notifications_person_idx').on(t.personId, t.createdAt),
]);

/**
 * One row per SMS segment the SMS centre accepted, keyed by its message id, so a delivery receipt finds its
 * message. A receipt that arrives before the send was recorded makes the row first (notification_id null); the
 * send's record then adopts it.
 */
export const smsSegments = pgTable('sms_segments', {
  messageId: text().primaryKey(),
  notificationId: text(),
  segmentIndex: integer(),
  /** sent, then what the receipt said: delivered, undelivered, expired, rejected, deleted, accepted, enroute, unknown */
  status: text().notNull().default('sent'),
  errorCode: text(),
  doneAt: timestamp({ withTimezone: true }),
  receiptAt: timestamp({ withTimezone: true }),
}, (t) => [index('sms_segments_notification_idx').on(t.notificationId)]);
