// Keeping numbers, dates and codes readable inside Arabic lines.
//
// react-pdf applies the Unicode bidirectional algorithm faithfully, and that algorithm reads "2026-11-28" after an
// Arabic word as three Arabic numbers separated by neutral hyphens: the page shows 28-11-2026. Amounts such as
// 12.500 survive (a dot between digits joins them), dates, phone numbers, ranges and "KWD 12.500" do not. The
// remedy the algorithm itself offers is an isolate: LEFT-TO-RIGHT ISOLATE (U+2066) … POP DIRECTIONAL ISOLATE
// (U+2069) around each left-to-right island. The Arabic line is then laid out with each island as one neutral
// unit, and the island inside reads left to right. fontkit draws the two controls as nothing.

export const LEFT_TO_RIGHT_ISOLATE = '\u2066';
export const POP_DIRECTIONAL_ISOLATE = '\u2069';

/** Wraps one value that must read left to right (a date, an amount with its code, an id, a URL). */
export function ltr(value: string): string {
  return value === '' ? value : `${LEFT_TO_RIGHT_ISOLATE}${value}${POP_DIRECTIONAL_ISOLATE}`;
}

// An island: starts with a Latin letter or digit (or a sign right before a digit), may contain the separators
// used in dates, amounts, codes and URLs, and ends with a letter, digit or %. Spaces inside are allowed, so
// "KWD 12.500" or "10:30 AM" stays one island, but an island never swallows the space before an Arabic word.
// Masking characters (• and *) count as part of an island: a masked civil ID "2850••••••17" is one number.
// Brackets stay outside: from outside an isolate is one neutral, so "(kWh)" keeps its pair around it.
const ISLAND = /(?:[-+−](?=\d))?[0-9A-Za-z•*](?:[0-9A-Za-z.,:;/\\\-_+@#%&=?'’•* ]*[0-9A-Za-z%•*])?/g;

/**
 * Isolates every left-to-right island of a string set in a right-to-left paragraph. Strings without any Arabic
 * need it too: in an rtl paragraph "2850••••••17" or "2026-11-21 14:05" would otherwise be shown back to front.
 * Strings that already contain isolates are taken as the caller's own markup and left alone.
 */
export function isolateLeftToRight(text: string): string {
  if (text.includes(LEFT_TO_RIGHT_ISOLATE)) return text;
  return text.replace(ISLAND, (island) => ltr(island));
}
