import { pgTable, text, timestamp, boolean, index, uniqueIndex, integer, bigint } from 'drizzle-orm/pg-core';

/** A person known by a national ID (Kuwaiti civil ID by default). Citizens sign in as themselves. */
export const people = pgTable('people', {
  id: text().primaryKey(),
  civilId: text().notNull(),
  nameAr: text().notNull(),
  nameEn: text().notNull(),
  preferredLanguage: text().notNull().default('ar'),
  passwordHash: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('people_civil_id_key').on(t.civilId)]);

export const personPhones = pgTable('person_phones', {
  id: text().primaryKey(),
  personId: text().notNull().references(() => people.id),
  phone: text().notNull(),
  isPrimary: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('person_phones_person_phone_key').on(t.personId, t.phone), index('person_phones_phone_idx').on(t.phone)]);

export const personEmails = pgTable('person_emails', {
  id: text().primaryKey(),
  personId: text().notNull().references(() => people.id),
  email: text().notNull(),
  isPrimary: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('person_emails_person_email_key').on(t.personId, t.email)]);

/** Staff: cashiers, officers and administrators, each with one role. */
export const staffUsers = pgTable('staff_users', {
  id: text().primaryKey(),
  username: text().notNull(),
  nameAr: text().notNull(),
  nameEn: text().notNull(),
  role: text().notNull(),
  passwordHash: text().notNull(),
  /** For cashiers and officers: the office or unit they work in (a receipt's issuing point). */
  unit: text(),
  active: boolean().notNull().default(true),
  /** The authenticator (TOTP) secret of the second factor, encrypted with TASDEED_SECRET; null until enrolled. */
  totpSecretCiphertext: text(),
  /** A secret being enrolled: it replaces the active one once a code from it is confirmed. */
  totpPendingCiphertext: text(),
  /** The last time step whose code signed in: a code is accepted once (RFC 6238 §5.2). */
  totpLastStep: bigint({ mode: 'bigint' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('staff_users_username_key').on(t.username)]);

/** Machines that call the API: banks, filling stations, camera systems. Requests are HMAC-signed. */
export const apiClients = pgTable('api_clients', {
  id: text().primaryKey(),
  keyId: text().notNull(),
  name: text().notNull(),
  role: text().notNull(),
  /** The HMAC secret, encrypted with TASDEED_SECRET (AES-256-GCM): the server needs it to verify signatures. */
  secretCiphertext: text().notNull(),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('api_clients_key_id_key').on(t.keyId)]);

/** Browser sessions. Only a hash of the cookie's token is stored. */
export const sessions = pgTable('sessions', {
  tokenHash: text().primaryKey(),
  subjectKind: text().notNull(),
  subjectId: text().notNull(),
  role: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [index('sessions_subject_idx').on(t.subjectKind, t.subjectId)]);

/**
 * Sign-in attempts, counted before the password is checked. `subject` is either one account from one source
 * (`person:<civil id>@<address>`: five attempts lock that pair for 15 minutes, and the count starts over when the
 * lock ends or after a quiet quarter of an hour) or the account from everywhere (`person:<civil id>@*`: past a
 * threshold it only spaces attempts out, it never locks the owner out).
 */
export const loginAttempts = pgTable('login_attempts', {
  subject: text().primaryKey(),
  failures: integer().notNull().default(0),
  lockedUntil: timestamp({ withTimezone: true }),
  lastAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** One-time sign-in codes sent by SMS to a person's registered phone (the way in while passwords are locked). */
export const loginCodes = pgTable('login_codes', {
  personId: text().primaryKey().references(() => people.id),
  /** SHA-256 of the code with the person's id: the code itself is only in the SMS. */
  codeHash: text().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  attempts: integer().notNull().default(0),
  requestedAt: timestamp({ withTimezone: true }).notNull(),
});
