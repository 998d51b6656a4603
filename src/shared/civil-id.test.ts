import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { makeKuwaitiCivilId, validateKuwaitiCivilId, validateSaudiNationalId } from './civil-id.js';

interface Cases {
  valid: { id: string }[];
  invalid: { id: string; reason: string }[];
  saudi_id_examples: { valid: (string | { id: string })[]; invalid?: (string | { id: string })[] };
}

// The shared fixture when the project's shared/ folder is beside the clone, else the repository's unchanged copy.
const sharedFixture = new URL('../../../shared/fixtures/civil-id/public-cases.json', import.meta.url);
const copiedFixture = new URL('../../test/fixtures/civil-id/public-cases.json', import.meta.url);
const fixtureText = readFileSync(existsSync(sharedFixture) ? sharedFixture : copiedFixture, 'utf8');
const cases = JSON.parse(fixtureText) as Cases;

it('reads the public fixture unchanged', () => {
  expect(readFileSync(copiedFixture, 'utf8')).toBe(fixtureText);
});
const idOf = (entry: string | { id: string }) => (typeof entry === 'string' ? entry : entry.id);

describe('Kuwaiti civil ID', () => {
  it.each(cases.valid.map((c) => c.id))('accepts %s from the public test suites', (id) => {
    expect(validateKuwaitiCivilId(id).ok).toBe(true);
  });

  it.each(cases.invalid.map((c) => [c.id, c.reason]))('refuses %s (%s)', (id) => {
    expect(validateKuwaitiCivilId(id).ok).toBe(false);
  });

  it('names the problem', () => {
    expect(validateKuwaitiCivilId('29209199829')).toEqual({ ok: false, problem: 'length' });
    expect(validateKuwaitiCivilId('2*9332013455')).toEqual({ ok: false, problem: 'not_digits' });
    expect(validateKuwaitiCivilId('288200122596')).toEqual({ ok: false, problem: 'birth_date' });
    expect(validateKuwaitiCivilId('292091998297')).toEqual({ ok: false, problem: 'check_digit' });
    expect(validateKuwaitiCivilId('189011200032')).toEqual({ ok: false, problem: 'century' });
  });

  it('refuses a birth date in the future', () => {
    const id = makeKuwaitiCivilId('2030-01-01', 1);
    expect(validateKuwaitiCivilId(id, new Date('2026-11-21')).ok).toBe(false);
  });

  it('accepts check digit 0 when the weighted sum is a multiple of 11 (the deliberate remainder-0 choice)', () => {
    // 2 8901120003 K: find a serial whose sum mod 11 is 0, then K must be 0.
    let found = 0;
    for (let serial = 0; serial < 10_000 && found === 0; serial++) {
      const body = `28901120${String(serial).padStart(3, '0')}`;
      const weights = [2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const sum = weights.reduce((t, w, i) => t + w * Number(body[i]), 0);
      if (sum % 11 === 0) {
        expect(validateKuwaitiCivilId(`${body}0`).ok).toBe(true);
        expect(validateKuwaitiCivilId(`${body}1`).ok).toBe(false);
        found++;
      }
    }
    expect(found).toBe(1);
  });

  it('makes valid ids for the demo', () => {
    for (let i = 0; i < 200; i++) expect(validateKuwaitiCivilId(makeKuwaitiCivilId('1985-06-15', i * 37)).ok).toBe(true);
  });
});

describe('Saudi national ID', () => {
  it.each(cases.saudi_id_examples.valid.map(idOf))('accepts %s', (id) => {
    expect(validateSaudiNationalId(id).ok).toBe(true);
  });
  it.each((cases.saudi_id_examples.invalid ?? []).map(idOf))('refuses %s', (id) => {
    expect(validateSaudiNationalId(id).ok).toBe(false);
  });
});
