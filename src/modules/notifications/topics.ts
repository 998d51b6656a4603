// Which preference group each event belongs to, the channels, and the defaults a person has until they choose.
// Marketing does not exist here: every message answers something that happened to the person's own bills or fines,
// and every group can be turned off (no message is mandatory by law in this system).
import type { EventTopic } from '../../platform/outbox.js';

export const CATEGORIES = ['bills', 'reminders', 'receipts', 'violations'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CHANNELS = ['sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const LANGUAGES = ['ar', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const TOPICS = ['bill.issued', 'bill.due_soon', 'payment.received', 'violation.recorded', 'violation.reminder', 'request.updated', 'auth.sign_in_code', 'prepaid.low_balance',
  'disconnection.warning', 'disconnection.ordered', 'disconnection.done', 'reconnection.ordered', 'reconnection.done'] as const satisfies readonly EventTopic[];

/**
 * `security` is no preference group: a sign-in code the person asked for goes by SMS to the phone it was asked
 * for, and nowhere else, whatever their preferences (expand.ts).
 */
export const TOPIC_CATEGORY: Record<EventTopic, Category | 'security'> = {
  'auth.sign_in_code': 'security',
  'bill.issued': 'bills',
  'bill.due_soon': 'reminders',
  'payment.received': 'receipts',
  'violation.recorded': 'violations',
  'violation.reminder': 'reminders',
  // A request's progress answers something the person asked for, about their own service: the bills group.
  'request.updated': 'bills',
  // Money the operator must pay in before the next truck can fill: a bill in all but name.
  'prepaid.low_balance': 'bills',
  // The supply of the person's own account, and what they owe on it: the bills group (SMS and email by default).
  'disconnection.warning': 'bills',
  'disconnection.ordered': 'bills',
  'disconnection.done': 'bills',
  'reconnection.ordered': 'bills',
  'reconnection.done': 'bills',
};

/**
 * Violations and receipts matter most (money owed to the state, proof of payment): on for both channels. A new bill
 * goes by email and SMS. Reminders are short and timely: SMS only, so an inbox is not filled with repeats.
 */
export const DEFAULT_PREFERENCES: Record<Category, Record<Channel, boolean>> = {
  bills: { sms: true, email: true },
  reminders: { sms: true, email: false },
  receipts: { sms: true, email: true },
  violations: { sms: true, email: true },
};

export function isTopic(value: string): value is EventTopic {
  return (TOPICS as readonly string[]).includes(value);
}

export function isCategory(value: string): value is Category {
  return (CATEGORIES as readonly string[]).includes(value);
}

export function asLanguage(value: string | null | undefined): Language {
  return value === 'en' ? 'en' : 'ar';
}
