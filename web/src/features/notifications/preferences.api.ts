// The signed-in citizen's message preferences (`NotificationPreferences` in the generated API types, and the body
// of PUT /api/v1/me/notification-preferences). Only what changed is sent.
import { answer, api, type ApiClient, type RequestBody, type Schema } from '../../api/index.js';

export type Preferences = Schema<'NotificationPreferences'>;
export type PreferencesChange = RequestBody<'/api/v1/me/notification-preferences', 'put'>;
export type Category = keyof Preferences['preferences'];
export type Channel = keyof Preferences['preferences'][Category];

/** The order the settings page lists them in. */
export const CATEGORIES = ['bills', 'reminders', 'receipts', 'violations'] as const satisfies readonly Category[];
export const CHANNELS = ['sms', 'email'] as const satisfies readonly Channel[];
// A category or channel the API adds and the lists above leave out stops the build, rather than going unshown.
type Expect<T extends true> = T;
type ListsAll<All, Given> = [Exclude<All, Given>] extends [never] ? true : false;
type _EverythingListed = [Expect<ListsAll<Category, (typeof CATEGORIES)[number]>>, Expect<ListsAll<Channel, (typeof CHANNELS)[number]>>];

export function fetchPreferences(client: ApiClient = api, signal?: AbortSignal): Promise<Preferences> {
  return answer(client.GET('/api/v1/me/notification-preferences', { signal }));
}

export function savePreferences(change: PreferencesChange, client: ApiClient = api): Promise<Preferences> {
  return answer(client.PUT('/api/v1/me/notification-preferences', { body: change }));
}

/** The language of the citizen's SMS and emails (PUT /api/v1/me/language); the page language is separate. */
export async function saveMessageLanguage(language: 'ar' | 'en', client: ApiClient = api): Promise<void> {
  await answer(client.PUT('/api/v1/me/language', { body: { language } }));
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
