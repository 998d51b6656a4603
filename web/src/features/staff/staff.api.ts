// The staff tools' API calls: the violation catalogue and recording (src/modules/fines/fines.schemas.ts), dead
// letters and resend (src/modules/notifications/notifications.schemas.ts), the day's collections
// (src/modules/reports/reports.schemas.ts).
import { api, type ApiClient } from '../../api/index.js';
import type { Violation } from '../fines/violations.api.js';

export interface ViolationType {
  code: string;
  nameAr: string;
  nameEn: string;
  amount: string;
  currency: string;
  isSpeeding: boolean;
  payableOnline: boolean;
  speedingBands: { overFromKmh: number; overToKmh: number | null; amount: string }[];
}

export interface RecordViolationInput {
  violationNumber: string;
  plate: string;
  typeCode: string;
  occurredAt: string;
  place: { text: string; textEn?: string };
  speedKmh?: number;
  limitKmh?: number;
}

export interface DeadLetter {
  id: string;
  topic: string;
  channel: 'sms' | 'email';
  address: string;
  language: 'ar' | 'en';
  subject: string | null;
  body: string;
  status: string;
  attempts: number;
  lastErrorCode: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Collections {
  date: string;
  timeZone: string;
  byChannel: { channel: string; currency: string; count: number; amount: string }[];
  byBiller: { billerCode: string; nameAr: string; nameEn: string; currency: string; count: number; amount: string }[];
  refunds: { currency: string; count: number; amount: string }[];
  totals: { currency: string; payments: number; collected: string; refunded: string; net: string }[];
}

export async function violationTypes(client: ApiClient = api, signal?: AbortSignal): Promise<ViolationType[]> {
  return (await client.get<{ types: ViolationType[] }>('/api/v1/violation-types', undefined, signal)).types;
}

export function recordViolation(input: RecordViolationInput, client: ApiClient = api): Promise<Violation> {
  return client.post<Violation>('/api/v1/violations', input);
}

export async function deadLetters(client: ApiClient = api, signal?: AbortSignal): Promise<DeadLetter[]> {
  return (await client.get<{ notifications: DeadLetter[] }>('/api/v1/admin/notifications/dead', { limit: 100 }, signal)).notifications;
}

export function resendDeadLetter(id: string, client: ApiClient = api): Promise<DeadLetter> {
  return client.post<DeadLetter>(`/api/v1/admin/notifications/dead/${encodeURIComponent(id)}/resend`);
}

export function collections(date: string, client: ApiClient = api, signal?: AbortSignal): Promise<Collections> {
  return client.get<Collections>('/api/v1/reports/collections', { date }, signal);
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
