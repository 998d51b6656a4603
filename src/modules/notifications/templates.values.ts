// The values a template may use, per topic, built from the event's `vars` (already formatted by the module that
// raised it) and the recipient. Language-specific values are chosen here, so a template writes `{{biller}}` and
// gets the Arabic or English name; `{{amount}}` is the amount with its currency in the reader's convention.
import type { EventTopic } from '../../platform/outbox.js';
import type { Language } from './topics.js';

/** Placeholders each topic's templates may use. Saving a template with any other name is refused. */
export const TOPIC_PLACEHOLDERS: Record<EventTopic, readonly string[]> = {
  'bill.issued': ['name', 'billNumber', 'biller', 'period', 'amount', 'dueDate', 'payUrl', 'pdfUrl'],
  'bill.due_soon': ['name', 'billNumber', 'biller', 'amount', 'dueDate', 'daysLeft', 'payUrl'],
  'payment.received': ['name', 'receiptNumber', 'amount', 'paidAt', 'verifyUrl', 'items'],
  'violation.recorded': ['name', 'violationNumber', 'type', 'occurredAt', 'place', 'amount', 'plate', 'payUrl', 'holdReason'],
  'violation.reminder': ['name', 'item', 'dueDate', 'daysLeft', 'plate', 'licenceNumber'],
  'request.updated': ['name', 'requestNumber', 'type', 'status', 'note'],
  'auth.sign_in_code': ['name', 'code', 'minutes'],
  'prepaid.low_balance': ['name', 'operator', 'amount', 'threshold', 'topUpUrl'],
  'disconnection.warning': ['name', 'accountNumber', 'amount', 'disconnectOn', 'payUrl'],
  'disconnection.ordered': ['name', 'accountNumber', 'amount', 'payUrl'],
  'disconnection.done': ['name', 'accountNumber', 'amount', 'payUrl'],
  'reconnection.ordered': ['name', 'accountNumber', 'dueBy', 'fee'],
  'reconnection.done': ['name', 'accountNumber'],
};

// How a currency is written after an Arabic amount ("12.500 د.ك") and before an English one ("KWD 12.500").
const CURRENCY_AR: Record<string, string> = { KWD: 'د.ك', SAR: 'ر.س', BHD: 'د.ب', OMR: 'ر.ع', JOD: 'د.أ', SYP: 'ل.س', USD: 'دولار' };

export function formatMoneyText(amount: string | undefined, currency: string | undefined, language: Language): string {
  if (!amount) return '';
  const code = currency ?? 'KWD';
  return language === 'ar' ? `${amount} ${CURRENCY_AR[code] ?? code}` : `${code} ${amount}`;
}

const REMINDER_ITEM: Record<string, { ar: (id: string) => string; en: (id: string) => string }> = {
  licence_expiry: { ar: (id) => `تجديد رخصة القيادة رقم ${id}`, en: (id) => `renewal of driving licence ${id}` },
  registration_expiry: { ar: (id) => `تجديد ترخيص المركبة ${id}`, en: (id) => `renewal of vehicle registration ${id}` },
  inspection_due: { ar: (id) => `الفحص الفني للمركبة ${id}`, en: (id) => `technical inspection of vehicle ${id}` },
};

export interface ValueSource {
  topic: EventTopic;
  language: Language;
  vars: Record<string, string>;
  /** Extra payload fields some topics need (violation.reminder's `kind`). */
  payload?: Record<string, unknown>;
  name?: { ar: string; en: string };
  /** Today in the business time zone, for "days left" when the event did not say. */
  today?: string;
  /** The business time zone (TZ_BUSINESS): machine timestamps in vars are shown as its wall time. */
  timeZone: string;
}

/** Every placeholder value for one message. Unknown or missing values become empty strings, never "undefined". */
export function templateValues(source: ValueSource): Record<string, string> {
  const { vars, language } = source;
  const pick = (ar: string, en: string): string => (language === 'ar' ? vars[ar] ?? vars[en] ?? '' : vars[en] ?? vars[ar] ?? '');
  const values: Record<string, string> = Object.fromEntries(Object.entries(vars).map(([key, value]) => [key, readableTime(value, source.timeZone)]));
  values.name = source.name ? (language === 'ar' ? source.name.ar : source.name.en) : '';
  values.amount = formatMoneyText(vars.amount, vars.currency, language);
  values.biller = pick('billerAr', 'billerEn');
  values.type = pick('typeAr', 'typeEn');
  values.place = pick('placeAr', 'placeEn');
  values.holdReason = pick('holdReasonAr', 'holdReasonEn');
  values.status = pick('statusAr', 'statusEn');
  values.operator = pick('operatorAr', 'operatorEn');
  values.threshold = formatMoneyText(vars.threshold, vars.currency, language);
  values.fee = formatMoneyText(vars.fee, vars.currency, language);
  if (!vars.daysLeft && vars.dueDate && source.today) values.daysLeft = String(daysBetween(source.today, vars.dueDate));
  if (source.topic === 'violation.reminder') {
    const kind = String(source.payload?.kind ?? vars.kind ?? 'licence_expiry');
    const id = (kind === 'licence_expiry' ? vars.licenceNumber ?? vars.plate : vars.plate ?? vars.licenceNumber) ?? '';
    const item = REMINDER_ITEM[kind] ?? REMINDER_ITEM.licence_expiry!;
    values.item = language === 'ar' ? item.ar(id) : item.en(id);
  }
  return values;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const localTimeFormats = new Map<string, Intl.DateTimeFormat>();
function localTimeFormat(timeZone: string): Intl.DateTimeFormat {
  let format = localTimeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    localTimeFormats.set(timeZone, format);
  }
  return format;
}

/** A machine timestamp (`2026-11-22T07:15:00.000Z`) becomes local time as people read it: `2026-11-22 10:15`. */
export function readableTime(value: string, timeZone: string): string {
  if (!ISO_TIMESTAMP.test(value)) return value;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return value;
  const parts = Object.fromEntries(localTimeFormat(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

function daysBetween(from: string, to: string): number {
  const ms = Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`);
  return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 86_400_000)) : 0;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** Replaces `{{name}}` with its value; a placeholder with no value becomes empty. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (_match, key: string) => values[key] ?? '');
}

export function placeholdersIn(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

// Typographic characters an English text picks up from names and copy-paste, each with a GSM-7 equivalent: without
// this one em dash would turn a whole English SMS into UCS-2 and cost up to three times as many segments.
const GSM_FRIENDLY: [RegExp, string][] = [
  [/[\u2012\u2013\u2014\u2015\u2212]/g, '-'],
  [/[\u2018\u2019\u201B\u2032]/g, "'"],
  [/[\u201C\u201D\u201F\u2033]/g, '"'],
  [/\u2026/g, '...'],
  [/[\u00A0\u2007\u202F]/g, ' '],
  [/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, ''],
];

/** Prepares a rendered SMS: plain punctuation, no direction marks, trimmed. Arabic letters stay as they are. */
export function smsFriendly(text: string): string {
  let result = text;
  for (const [pattern, replacement] of GSM_FRIENDLY) result = result.replace(pattern, replacement);
  return result.replace(/[ \t]+/g, ' ').trim();
}
