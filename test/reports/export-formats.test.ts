// The export formats on their own: CSV cells a spreadsheet would run as formulas are defused while plain numbers stay
// numbers (read back by Python's csv module); the XLSX keeps hostile text as text (no formula element anywhere),
// escapes markup, names columns past Z, and opens in openpyxl; the ZIP passes unzip's integrity test with both
// deflated and stored entries.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src/shared/csv.js';
import { columnName, xlsx } from '../../src/shared/xlsx.js';
import { zip } from '../../src/shared/zip.js';
import { readCsvWithPython, readXlsxWithOpenpyxl, unzipParts } from './support.js';

const HOSTILE = ['=HYPERLINK("http://evil","x")', '+1+1', '-1+cmd|\' /C calc\'!A0', '@SUM(A1)', '\t=1', '\r=1'];

describe('CSV', () => {
  it('defuses every cell that starts like a formula and leaves plain numbers alone', () => {
    for (const text of HOSTILE) expect(csvCell(text).replace(/^"/, '')).toMatch(/^'/);
    expect(csvCell('-3.000')).toBe('-3.000');
    expect(csvCell('12.500')).toBe('12.500');
    expect(csvCell(-7)).toBe('-7');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"\nnow')).toBe('"say ""hi""\nnow"');
  });

  it('reads back with Python’s csv module cell for cell, Arabic included', () => {
    const rows = [['text', 'amount'], ...HOSTILE.map((h) => [h, '-1.500']), ['شركة "الاختبار"، الكويت', '0.000']];
    const parsed = readCsvWithPython(toCsv(rows));
    expect(parsed).toEqual(rows.map(([text, amount], i) => [i === 0 || !HOSTILE.includes(text!) ? text : `'${text}`, amount]));
    expect(toCsv([['x']], { bom: false })).toBe('x\r\n');
  });
});

describe('XLSX', () => {
  it('keeps hostile and markup text as inline strings and opens in openpyxl', () => {
    const wide = Array.from({ length: 30 }, (_, i) => i);
    const book = xlsx([{ name: 'Bad:/name?*[]', rows: [['h'], ...HOSTILE.map((h) => [h]), ['<b>&"\u0001</b>'], wide, [{ decimal: '-12.500', decimals: 3 }, { decimal: '0.05', decimals: 2 }]] }]);
    const parts = unzipParts(book);
    expect(JSON.stringify(parts)).not.toMatch(/"f"|<f>/);
    const read = readXlsxWithOpenpyxl(book);
    const [sheetName] = Object.keys(read.sheets);
    expect(sheetName).toBe('Bad  name');
    const rows = read.sheets[sheetName!]!;
    expect(rows.slice(1, 1 + HOSTILE.length).map((r) => r[0])).toEqual(HOSTILE);
    expect(rows[1 + HOSTILE.length]![0]).toBe('<b>&"</b>');
    expect(rows[2 + HOSTILE.length]![29]).toBe(29);
    expect(rows[3 + HOSTILE.length]!.slice(0, 2)).toEqual([-12.5, 0.05]);
    expect(read.formats[sheetName!]![3 + HOSTILE.length]!.slice(0, 2)).toEqual(['#,##0.000', '#,##0.00']);
    expect(() => xlsx([{ name: 's', rows: [[{ decimal: '1e5', decimals: 0 }]] }])).toThrow(/not a decimal/);
  });

  it('names columns as spreadsheets do', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});

describe('ZIP', () => {
  it('passes unzip’s integrity test with a deflated and a stored (incompressible) entry, and gives their bytes back', () => {
    const noise = randomBytes(4096);
    const archive = zip([{ name: 'text/hello.txt', data: 'مرحبا '.repeat(200) }, { name: 'noise.bin', data: noise }]);
    const dir = mkdtempSync(join(tmpdir(), 'tasdeed-zip-'));
    try {
      const path = join(dir, 'a.zip');
      writeFileSync(path, archive);
      expect(execFileSync('unzip', ['-t', path], { encoding: 'utf8' })).toMatch(/No errors detected/);
      expect(execFileSync('unzip', ['-p', path, 'text/hello.txt'], { encoding: 'utf8' })).toBe('مرحبا '.repeat(200));
      expect(execFileSync('unzip', ['-p', path, 'noise.bin']).equals(noise)).toBe(true);
      expect(execFileSync('unzip', ['-v', path], { encoding: 'utf8' })).toMatch(/Stored[\s\S]*noise\.bin/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
