// CSV for spreadsheets (RFC 4180 quoting, CRLF lines, a BOM so Excel reads Arabic as UTF-8), with cells a
// spreadsheet would run as a formula defused. Shared by every report that exports CSV.

export type CsvValue = string | number | null | undefined;

// A plain decimal number (an amount like "-3.000", a count) is data, never a formula, so it stays as it is; any
// other text starting with = + - @ (or a tab/CR a spreadsheet strips first) gets a leading apostrophe (OWASP CSV
// injection guidance), so "-1+cmd|..." or "=HYPERLINK(...)" shows as text.
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell: defused if it could be a formula, quoted if it holds a separator, a quote or a line break. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A whole document: rows of cells, CRLF after every line, and a UTF-8 BOM first so Excel reads Arabic as UTF-8
 * (`bom: false` for machine readers, such as a bank's reconciliation, that take plain UTF-8).
 */
export function toCsv(rows: readonly (readonly CsvValue[])[], options: { bom?: boolean } = {}): string {
  return `${options.bom === false ? '' : '\uFEFF'}${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
