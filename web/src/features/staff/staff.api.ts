// The staff tools' API calls: the violation catalogue and recording, dead letters and resend, the day's
// collections (`ViolationType`, `Notification` and `DayCollections` in the generated API types).
import { answer, api, type ApiClient, type RequestBody, type Schema } from '../../api/index.js';
import type { Violation } from '../fines/violations.api.js';

export type ViolationType = Schema<'ViolationType'>;
export type RecordViolationInput = RequestBody<'/api/v1/violations', 'post'>;
/** A message that could not be delivered (the admin list of dead letters). */
export type DeadLetter = Schema<'Notification'>;
export type Collections = Schema<'DayCollections'>;
export type FinePreview = Schema<'FinePreview'>;

export async function violationTypes(client: ApiClient = api, signal?: AbortSignal): Promise<ViolationType[]> {
  return (await answer(client.GET('/api/v1/violation-types', { signal }))).types;
}

/** The fine recording would set (the server's rule, never a copy of it here): a type, and for speeding speed and limit. */
export function previewFine(query: { typeCode: string; speedKmh?: number; limitKmh?: number }, client: ApiClient = api, signal?: AbortSignal): Promise<FinePreview> {
  return answer(client.GET('/api/v1/violation-types/fine', { params: { query }, signal }));
}

export function recordViolation(input: RecordViolationInput, client: ApiClient = api): Promise<Violation> {
  return answer(client.POST('/api/v1/violations', { body: input }));
}

export async function deadLetters(client: ApiClient = api, signal?: AbortSignal): Promise<DeadLetter[]> {
  return (await answer(client.GET('/api/v1/admin/notifications/dead', { params: { query: { limit: 100 } }, signal }))).notifications;
}

export function resendDeadLetter(id: string, client: ApiClient = api): Promise<DeadLetter> {
  return answer(client.POST('/api/v1/admin/notifications/dead/{id}/resend', { params: { path: { id } } }));
}

export function collections(date: string, client: ApiClient = api, signal?: AbortSignal): Promise<Collections> {
  return answer(client.GET('/api/v1/reports/collections', { params: { query: { date } }, signal }));
}

/**
 * An officer's violation number, made once per form: the fines API is idempotent on it, so sending the same form
 * twice (a double tap, a retry after a timeout) records one violation. OFC-<unit>-<yyyymmdd>-<random>.
 */
export function newOfficerViolationNumber(unit: string | null | undefined, now = new Date(), random = () => crypto.getRandomValues(new Uint32Array(1))[0]!): string {
  const day = kuwaitNowLocal(now).slice(0, 10).replace(/-/g, '');
  const place = (unit ?? 'OFC').replace(/[^A-Za-z0-9]/g, '').slice(0, 16) || 'OFC';
  return `OFC-${place}-${day}-${random().toString(36).toUpperCase().padStart(7, '0')}`;
}

/** A local Kuwait wall-clock time from <input type="datetime-local"> ("2026-03-14T21:05") as ISO with +03:00. */
export function kuwaitLocalToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const iso = `${local}:00+03:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

/** Now as <input type="datetime-local"> wants it, in Kuwait time. */
export function kuwaitNowLocal(now = new Date()): string {
  return new Date(now.getTime() + 3 * 3600_000).toISOString().slice(0, 16);
}
