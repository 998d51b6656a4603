// Breaking a long unspaced token (a URL) into lines that fit a width, at the token's own separators.

const SEPARATORS = new Set(['/', '?', '&', '=', '.', '-', '_', '#']);

/**
 * Splits `text` into lines no wider than `width` (as `measure` reports), breaking after a separator when one is
 * in reach and between any two characters otherwise. Joining the lines gives back `text` exactly.
 */
export function breakAtSeparators(text: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    if (measure(rest) <= width) {
      lines.push(rest);
      break;
    }
    // The longest prefix that fits (at least one character, so a very narrow width still makes progress).
    let fits = 1;
    while (fits < rest.length && measure(rest.slice(0, fits + 1)) <= width) fits += 1;
    let cut = fits;
    for (let i = fits; i > Math.floor(fits / 2); i -= 1) {
      if (SEPARATORS.has(rest[i - 1]!)) {
        cut = i;
        break;
      }
    }
    lines.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return lines;
}
