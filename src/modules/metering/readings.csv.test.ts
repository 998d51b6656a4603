import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { parseCsv, parseReadingsCsv } from './readings.csv.js';

describe('readings CSV', () => {
  it('reads columns by name in any order, with a byte-order mark, CRLF and quoted fields', () => {
    const text = '\uFEFFread_on,Reading,meter_number\r\n2026-11-20,"012345",E001\r\n2026-11-20,77,"E,002"\r\n\r\n';
    expect(parseReadingsCsv(text)).toEqual([
      { line: 2, readOn: '2026-11-20', reading: '012345', meterNumber: 'E001' },
      { line: 3, readOn: '2026-11-20', reading: '77', meterNumber: 'E,002' },
    ]);
  });

  it('keeps doubled quotes and counts lines inside quoted fields', () => {
    expect(parseCsv('a,"say ""hi""\nthere"\nb,c')).toEqual([{ line: 1, fields: ['a', 'say "hi"\nthere'] }, { line: 3, fields: ['b', 'c'] }]);
  });

  it('refuses a file without a header naming a reading and a meter or account column', () => {
    expect(() => parseReadingsCsv('')).toThrow(AppError);
    expect(() => parseReadingsCsv('meter,date\nE1,2026-11-01')).toThrow(/readings_file_invalid/);
    expect(parseReadingsCsv('account_number,value\n123,4')).toEqual([{ line: 2, accountNumber: '123', reading: '4' }]);
  });
});
