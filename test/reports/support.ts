// Helpers for the reports tests: fetching a report over HTTP, and reading its exports back with third-party readers
// (unzip for the ZIP container, fast-xml-parser for the sheet XML, openpyxl and Python's csv through
// test/fixtures/read-spreadsheet.py).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';
import { formatAmount, parseAmount } from '../../src/shared/money.js';
import type { TestApp } from '../support/app.js';

export type Cell = string | number | null;
export interface Table {
  report: string;
  filters: Record<string, string | null>;
  columns: { key: string; kind: string; labelEn: string; labelAr: string }[];
  rows: Record<string, Cell>[];
  totals: Record<string, Cell>[];
}

export async function getReport(t: TestApp, cookie: string, name: string, query: string): Promise<Table> {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}?${query}`, headers: { cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Table>();
}

export async function getFile(t: TestApp, cookie: string, name: string, query: string): Promise<{ body: Buffer; type: string; disposition: string }> {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}?${query}`, headers: { cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return { body: response.rawPayload, type: String(response.headers['content-type']), disposition: String(response.headers['content-disposition']) };
}

/** Minor units of a decimal string in the currency's scale, exactly (parseAmount takes no sign; refunds have none). */
export const minor = (decimal: Cell | undefined, currency: Cell | undefined = 'KWD'): bigint => {
  const text = String(decimal);
  return text.startsWith('-') ? -parseAmount(text.slice(1), String(currency)) : parseAmount(text, String(currency));
};

export const decimal = (value: bigint, currency: Cell | undefined = 'KWD'): string => formatAmount(value, String(currency));

function withTempFile<T>(name: string, content: Buffer | string, work: (path: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'tasdeed-report-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, content);
    return work(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Debian's python3-openpyxl installs for the system interpreter (.ci/run installs it); a pyenv or venv python3
// first on PATH would not see it.
const PYTHON = '/usr/bin/python3';
const READER = new URL('../fixtures/read-spreadsheet.py', import.meta.url).pathname;

export function readCsvWithPython(csv: string): string[][] {
  return withTempFile('report.csv', csv, (path) => (JSON.parse(execFileSync(PYTHON, [READER, 'csv', path], { encoding: 'utf8' })) as { rows: string[][] }).rows);
}

export function readXlsxWithOpenpyxl(body: Buffer): { sheets: Record<string, Cell[][]>; formats: Record<string, (string | null)[][]> } {
  return withTempFile('report.xlsx', body, (path) => JSON.parse(execFileSync(PYTHON, [READER, 'xlsx', path], { encoding: 'utf8' })) as { sheets: Record<string, Cell[][]>; formats: Record<string, (string | null)[][]> });
}

/** The ZIP as unzip(1) sees it: its integrity test passes, and each part parses as XML. */
export function unzipParts(body: Buffer): Record<string, unknown> {
  return withTempFile('report.xlsx', body, (path) => {
    const test = execFileSync('unzip', ['-t', path], { encoding: 'utf8' });
    expect(test).toMatch(/No errors detected/);
    const names = execFileSync('unzip', ['-Z1', path], { encoding: 'utf8' }).trim().split('\n');
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, trimValues: false });
    // unzip reads a name as a wildcard pattern: "[" is escaped as the class "[[]".
    const part = (name: string) => execFileSync('unzip', ['-p', path, name.replace(/\[/g, '[[]')], { encoding: 'utf8' });
    return Object.fromEntries(names.map((name) => [name, parser.parse(part(name)) as unknown]));
  });
}
