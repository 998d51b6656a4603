// People type numbers with whatever keyboard they have: Arabic-Indic (٠-٩) and Persian (۰-۹) digits are turned
// into 0-9, and the spaces and dashes people use to group long numbers are dropped, before anything is sent.

const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

export function toWesternDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code >= PERSIAN_ZERO ? code - PERSIAN_ZERO : code - ARABIC_INDIC_ZERO);
  });
}

/** For identifiers made of digits (civil ID, account and meter numbers). */
export function normaliseNumberInput(text: string): string {
  return toWesternDigits(text).replace(/[\s\u200e\u200f\-–]/g, '');
}

/** For plates, which carry letters too: only digits are changed and runs of spaces collapsed. */
export function normaliseFreeInput(text: string): string {
  return toWesternDigits(text).replace(/[\u200e\u200f]/g, '').replace(/\s+/g, ' ').trim();
}
