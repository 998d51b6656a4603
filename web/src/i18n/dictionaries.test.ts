// Both dictionaries must say the same things, and every key the portal's code asks for must exist in both:
// a missing key would show the raw key ("quickPay.title") to a person.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import ar from './ar.json';
import en from './en.json';

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keysOf(value as object, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

/** Plural forms differ by language (Arabic has six, English two): compare the base keys. */
const baseKeys = (tree: object) => new Set(keysOf(tree).map((k) => k.replace(PLURAL_SUFFIX, '')));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('dictionaries', () => {
  it('have the same keys in Arabic and English', () => {
    expect([...baseKeys(ar)].sort()).toEqual([...baseKeys(en)].sort());
  });

  it('have every Arabic plural form and the English ones', () => {
    const arKeys = keysOf(ar);
    const arPlurals = new Set(arKeys.filter((k) => PLURAL_SUFFIX.test(k)).map((k) => k.replace(PLURAL_SUFFIX, '')));
    for (const base of arPlurals) {
      for (const form of ['zero', 'one', 'two', 'few', 'many', 'other']) expect(arKeys).toContain(`${base}_${form}`);
      for (const form of ['one', 'other']) expect(keysOf(en)).toContain(`${base}_${form}`);
    }
  });

  it('contain every key the code asks for', () => {
    const srcDir = fileURLToPath(new URL('..', import.meta.url));
    const known = baseKeys(ar);
    const asked = new Set<string>();
    for (const file of sourceFiles(srcDir)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) asked.add(match[1]!);
      for (const match of text.matchAll(/usePageTitle\(\s*'([a-zA-Z0-9_.]+)'/g)) asked.add(match[1]!);
    }
    expect(asked.size).toBeGreaterThan(20);
    expect([...asked].filter((key) => !known.has(key))).toEqual([]);
  });
});
