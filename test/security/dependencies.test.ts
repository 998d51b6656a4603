// Issue #15 point 10: `mailparser` (the mail simulator's parser) pulled in nodemailer 7.0.4, inside the ranges of
// published advisories (GHSA-mm7p-fcc7-pg87, mail to an unintended domain, fixed in 7.0.7; GHSA-rcmh-qjqh-p98v,
// addressparser recursion DoS, fixed in 7.0.11). package.json overrides it; this test fails if any copy installed
// in the tree, or the one mailparser actually loads, falls back below the fixed version.
import { createRequire } from 'node:module';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const FIXED = '7.0.11';

function atLeast(version: string, floor: string): boolean {
  const a = version.split(/[.-]/).slice(0, 3).map(Number);
  const b = floor.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  return true;
}

/** Every nodemailer package.json under node_modules (nested copies too, a few levels down). */
function installedCopies(dir: string, depth = 0): string[] {
  if (depth > 4 || !existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
    const path = join(dir, entry.name);
    if (entry.name === 'nodemailer' && existsSync(join(path, 'package.json'))) found.push(join(path, 'package.json'));
    if (entry.name.startsWith('@')) found.push(...installedCopies(path, depth));
    else if (existsSync(join(path, 'node_modules'))) found.push(...installedCopies(join(path, 'node_modules'), depth + 1));
  }
  return found;
}

describe('nodemailer in the dependency tree', () => {
  it('is at or above the version that fixed the published advisories, as mailparser loads it', () => {
    const fromMailparser = createRequire(createRequire(import.meta.url).resolve('mailparser/package.json'));
    const { version } = fromMailparser('nodemailer/package.json') as { version: string };
    expect(atLeast('7.0.4', FIXED)).toBe(false); // the version the issue found is caught by the check
    expect(atLeast(version, FIXED), `mailparser loads nodemailer ${version}`).toBe(true);
  });

  it('has no installed copy below it', () => {
    const copies = installedCopies(join(process.cwd(), 'node_modules'));
    expect(copies.length).toBeGreaterThan(0);
    for (const file of copies) {
      const { version } = JSON.parse(readFileSync(file, 'utf8')) as { version: string };
      expect(atLeast(version, FIXED), `${file}: ${version}`).toBe(true);
    }
  });
});
