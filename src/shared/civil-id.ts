// Kuwaiti civil ID: 12 digits `C YYMMDD SSSS K` (FACTS.md), and the Saudi national ID / iqama (10 digits, Luhn).
//
// Remainder 0 (sum mod 11 = 0): django-localflavor rejects it, python-stdnum and stella/stdnum accept K = 0.
// We accept K = 0: PACI issues numbers whose weighted sum is a multiple of 11 only with check digit 0 under the
// (11 - r) mod 11 rule, and refusing a real citizen at the payment counter is worse than accepting a number that
// a stricter validator would refuse. Century digit 1 (18xx) is refused: nobody alive carries one.

const WEIGHTS = [2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;

export type CivilIdProblem = 'length' | 'not_digits' | 'century' | 'birth_date' | 'check_digit';

export type CivilIdResult =
  | { ok: true; civilId: string; birthDate: string }
  | { ok: false; problem: CivilIdProblem };

export function validateKuwaitiCivilId(input: string, today: Date = new Date()): CivilIdResult {
  if (typeof input !== 'string' || input.length !== 12) return { ok: false, problem: 'length' };
  if (!/^\d{12}$/.test(input)) return { ok: false, problem: 'not_digits' };
  const digits = [...input].map(Number);
  const century = digits[0] === 2 ? 1900 : digits[0] === 3 ? 2000 : null;
  if (century === null) return { ok: false, problem: 'century' };
  const year = century + Number(input.slice(1, 3));
  const month = Number(input.slice(3, 5));
  const day = Number(input.slice(5, 7));
  if (!isRealDate(year, month, day) || Date.UTC(year, month - 1, day) > today.getTime()) {
    return { ok: false, problem: 'birth_date' };
  }
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * digits[i]!, 0);
  const remainder = sum % 11;
  if (remainder === 1) return { ok: false, problem: 'check_digit' };
  const expected = (11 - remainder) % 11;
  if (digits[11] !== expected) return { ok: false, problem: 'check_digit' };
  const birthDate = `${year}-${pad(month)}-${pad(day)}`;
  return { ok: true, civilId: input, birthDate };
}

export function validateSaudiNationalId(input: string): { ok: true } | { ok: false; problem: CivilIdProblem } {
  if (typeof input !== 'string' || input.length !== 10) return { ok: false, problem: 'length' };
  if (!/^\d{10}$/.test(input)) return { ok: false, problem: 'not_digits' };
  if (input[0] !== '1' && input[0] !== '2') return { ok: false, problem: 'century' };
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(input[i]);
    if (i % 2 === 0) {
      const doubled = digit * 2;
      sum += doubled > 9 ? doubled - 9 : doubled;
    } else {
      sum += digit;
    }
  }
  return sum % 10 === 0 ? { ok: true } : { ok: false, problem: 'check_digit' };
}

/** Makes a valid Kuwaiti civil ID from a birth date and serial: used by the demo seed and test factories. */
export function makeKuwaitiCivilId(birthDate: string, serial: number): string {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  for (let s = serial; s < serial + 10_000; s++) {
    const body = `${y >= 2000 ? 3 : 2}${String(y % 100).padStart(2, '0')}${pad(m)}${pad(d)}${String(s % 10_000).padStart(4, '0')}`;
    const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(body[i]), 0);
    if (sum % 11 === 1) continue;
    return body + String((11 - (sum % 11)) % 11);
  }
  throw new Error('no valid civil id for that birth date');
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
