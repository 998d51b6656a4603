import { pgTable, text, integer, timestamp, primaryKey } from 'drizzle-orm/pg-core';

/**
 * Which bank (an HMAC API client with role `bank`) may collect for which biller, and how long after a notification
 * the bank may still reverse it. No row: the bank is refused for that biller.
 */
export const channelBankBillers = pgTable('channel_bank_billers', {
  clientId: text().notNull(),
  billerCode: text().notNull(),
  /** Minutes after posting during which the notifying bank may reverse; null: the platform default. */
  reversalWindowMinutes: integer(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.clientId, t.billerCode] })]);
