// The signed-in citizen's message preferences: src/modules/notifications/notifications.schemas.ts
// (`myPreferencesResponse`, `updatePreferencesBody`). Only what changed is sent.
import { api, type ApiClient } from '../../api/index.js';

export const CATEGORIES = ['bills', 'reminders', 'receipts', 'violations'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CHANNELS = ['sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Preferences {
  preferences: Record<Category, Record<Channel, boolean>>;
  phones: { phone: string; sms: boolean }[];
  emails: string[];
  language: 'ar' | 'en';
}

export interface PreferencesChange {
  preferences?: Partial<Record<Category, Partial<Record<Channel, boolean>>>>;
  phones?: { phone: string; sms: boolean }[];
}

export function fetchPreferences(client: ApiClient = api, signal?: AbortSignal): Promise<Preferences> {
  return client.get<Preferences>('/api/v1/me/notification-preferences', undefined, signal);
}

export function savePreferences(change: PreferencesChange, client: ApiClient = api): Promise<Preferences> {
  return client.put<Preferences>('/api/v1/me/notification-preferences', change);
}

/** The difference between what was loaded and what is on screen: only switches that moved. */
export function changesBetween(before: Preferences, after: Preferences): PreferencesChange {
  const change: PreferencesChange = {};
  for (const category of CATEGORIES) {
    for (const channel of CHANNELS) {
      if (before.preferences[category]?.[channel] !== after.preferences[category]?.[channel]) {
        change.preferences ??= {};
        (change.preferences[category] ??= {})[channel] = after.preferences[category][channel];
      }
    }
  }
  const phones = after.phones.filter((p) => before.phones.find((b) => b.phone === p.phone)?.sms !== p.sms);
  if (phones.length > 0) change.phones = phones;
  return change;
}
