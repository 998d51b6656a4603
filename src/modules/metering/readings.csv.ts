// The meter readers' handheld export: a CSV file with a header row. Quoted fields (RFC 4180), CRLF or LF line
// ends and a UTF-8 byte-order mark are accepted. Columns are found by name, in any order.
import { AppError } from '../../platform/errors/app-error.js';

export interface CsvReading {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  meterNumber?: string;
  accountNumber?: string;
  reading: string;
  readOn?: string;
}

const COLUMN_NAMES: Record<string, keyof Omit<CsvReading, 'line'>> = {
  meter_number: 'meterNumber', meter: 'meterNumber', meternumber: 'meterNumber',
  account_number: 'accountNumber', account: 'accountNumber', accountnumber: 'accountNumber',
  reading: 'reading', value: 'reading',
  read_on: 'readOn', date: 'readOn', readon: 'readOn', reading_date: 'readOn',
};

export const MAX_CSV_ROWS = 100_000;

export function parseReadingsCsv(text: string): CsvReading[] {
  const records = parseCsv(text.replace(/^\uFEFF/, ''));
  const header = records.shift();
  if (!header) throw new AppError('readings_file_invalid', { reason: 'empty file' });
  const columns = header.fields.map((name) => COLUMN_NAMES[name.trim().toLowerCase()]);
  if (!columns.includes('reading') || !(columns.includes('meterNumber') || columns.includes('accountNumber'))) {
    throw new AppError('readings_file_invalid', { reason: 'the header needs a reading column and a meter_number or account_number column', header: header.fields });
  }
  const rows = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (rows.length > MAX_CSV_ROWS) throw new AppError('readings_file_too_large', { rows: rows.length, max: MAX_CSV_ROWS });
  return rows.map((record) => {
    const row: CsvReading = { line: record.line, reading: '' };
    columns.forEach((key, i) => {
      const value = record.fields[i]?.trim();
      if (key && value) row[key] = value;
    });
    return row;
  });
}

/** Splits CSV text into records of fields, remembering the line each record starts on. */
export function parseCsv(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (field !== '' || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}
