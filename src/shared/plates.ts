// Licence plates (shared: fines stores them, payments' inquiry looks them up): how a country writes them is configuration (data below), not code. Every plate that enters the
// system (an officer's form, a camera's report, a citizen's look-up, a vehicle registration) goes through
// `normalizePlate`, and the canonical text it returns is what is stored on vehicles, violations and payables, so
// "12 - 34567", "١٢/٣٤٥٦٧" and "12/34567" all find the same car.
import { AppError } from '../platform/errors/app-error.js';
import { defineErrors } from '../platform/errors/define.js';

export const platesErrors = defineErrors({
  plate_invalid: { status: 400, ar: 'رقم اللوحة غير صحيح. اكتبه مثل 12/34567.', en: 'The plate number is not valid. Write it like 12/34567.' },
});

export type PlateSegment =
  | { kind: 'number'; name: string; min: number; max: number }
  | { kind: 'letters'; name: string; count: number; /** Accepted spellings → the canonical letter. */ alphabet: Record<string, string> };

export interface PlateFormat {
  /** The parts in the order they are written. */
  segments: PlateSegment[];
  /** Written between the parts in the canonical form. */
  separator: string;
  example: string;
}

// Saudi plates carry 1–4 digits and three letters from a fixed set of 17, painted in Arabic and Latin; the Latin
// form is canonical here (a camera's OCR usually reads the Latin row).
const SAUDI_LETTERS: Record<string, string> = Object.fromEntries(
  ([['ا', 'A'], ['ب', 'B'], ['ح', 'J'], ['د', 'D'], ['ر', 'R'], ['س', 'S'], ['ص', 'X'], ['ط', 'T'], ['ع', 'E'], ['ق', 'G'],
    ['ك', 'K'], ['ل', 'L'], ['م', 'Z'], ['ن', 'N'], ['ه', 'H'], ['و', 'U'], ['ى', 'V']] as const)
    .flatMap(([arabic, latin]) => [[arabic, latin], [latin, latin]]),
);

export const PLATE_FORMATS: Record<string, PlateFormat> = {
  // Kuwait: a governorate/category code and a serial number, written "12/34567".
  KW: {
    segments: [{ kind: 'number', name: 'code', min: 1, max: 99 }, { kind: 'number', name: 'number', min: 1, max: 99999 }],
    separator: '/',
    example: '12/34567',
  },
  SA: {
    segments: [{ kind: 'number', name: 'number', min: 1, max: 9999 }, { kind: 'letters', name: 'letters', count: 3, alphabet: SAUDI_LETTERS }],
    separator: ' ',
    example: '1234 ABD',
  },
};

export function plateFormatOf(country: string): PlateFormat {
  const format = PLATE_FORMATS[country];
  if (!format) throw new Error(`no plate format configured for country ${country}`);
  return format;
}

/** Arabic-Indic (٠–٩) and Eastern Arabic-Indic (۰–۹) digits become ASCII digits. */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06F0));
}

/**
 * Returns the canonical plate, or throws `plate_invalid`. Accepts spaces, "-" and "/" (and their Arabic
 * look-alikes) between parts, leading zeros, and Arabic-Indic digits.
 */
export function normalizePlate(input: string, format: PlateFormat): string {
  const canonical = tryNormalizePlate(input, format);
  if (canonical === undefined) throw new AppError('plate_invalid', { plate: String(input).slice(0, 40), example: format.example });
  return canonical;
}

export function tryNormalizePlate(input: string, format: PlateFormat): string | undefined {
  if (typeof input !== 'string' || input.length > 40) return undefined;
  // Tatweel, the Arabic comma and the fraction slash are what Arabic keyboards put where a Latin user types - or /.
  const cleaned = toAsciiDigits(input.normalize('NFKC')).replace(/\u0640/g, '').toUpperCase().trim();
  const parts = splitParts(cleaned, format);
  if (!parts || parts.length !== format.segments.length) return undefined;
  const canonical: string[] = [];
  for (const [i, segment] of format.segments.entries()) {
    const value = canonicalSegment(parts[i]!, segment);
    if (value === undefined) return undefined;
    canonical.push(value);
  }
  return canonical.join(format.separator);
}

function splitParts(text: string, format: PlateFormat): string[] | undefined {
  const separated = text.split(/[\s/\-\u2044\u2215\u060C_.]+/).filter(Boolean);
  if (separated.length === format.segments.length || !format.segments.some((s) => s.kind === 'letters')) return separated;
  // Letters may be written together with the digits ("1234ABD") or one by one ("1234 ا ب د"): regroup into runs of
  // digits and runs of letters.
  return separated.join('').match(/\d+|\D+/g) ?? undefined;
}

function canonicalSegment(part: string, segment: PlateSegment): string | undefined {
  if (segment.kind === 'number') {
    if (!/^\d{1,9}$/.test(part)) return undefined;
    const value = Number(part);
    return value >= segment.min && value <= segment.max ? String(value) : undefined;
  }
  const letters = [...part.replace(/\s+/g, '')];
  if (letters.length !== segment.count) return undefined;
  const mapped = letters.map((letter) => segment.alphabet[letter]);
  return mapped.every((m) => m !== undefined) ? mapped.join('') : undefined;
}
