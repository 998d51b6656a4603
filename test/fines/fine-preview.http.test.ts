// The officer's form previews a fine from the server (GET /api/v1/violation-types/fine), by the same rule as
// recording: for every speeding band (both edges) and every fixed-fine type, the preview equals what recording
// then sets, and a preview records nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import { violations } from '../../src/db/schema/index.js';
import { demoPlate } from '../../src/modules/fines/demo-data.js';
import { violationBody } from './support.js';

let t: TestApp;
let officer: string;
let plateIndex = 0;

interface CatalogueType { code: string; amount: string; isSpeeding: boolean; speedingBands: Array<{ overFromKmh: number; overToKmh: number | null; amount: string }> }

beforeAll(async () => {
  t = await createTestApp({ now: '2026-03-15T09:00:00.000Z', seeded: 'demo' });
  officer = await signIn(t.app, { username: 'officer', password: DEMO_PASSWORD });
});
afterAll(async () => t?.close());

async function catalogue(): Promise<CatalogueType[]> {
  return (await t.app.inject({ method: 'GET', url: '/api/v1/violation-types' })).json().types;
}

async function preview(query: Record<string, string | number>) {
  return t.app.inject({ method: 'GET', url: `/api/v1/violation-types/fine?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}` });
}

async function record(typeCode: string, speed?: { speedKmh: number; limitKmh: number }) {
  const response = await t.app.inject({
    method: 'POST', url: '/api/v1/violations', headers: { cookie: officer },
    payload: violationBody({ plate: demoPlate(4, (plateIndex++ % 2) as 0 | 1), typeCode, ...(speed ?? {}) }),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { amount: string; currency: string };
}

const violationCount = async () => (await t.ctx.db.select({ n: count() }).from(violations))[0]!.n;

describe('the fine preview', () => {
  it('equals the recorded fine at both edges of every speeding band (165 in a 120 zone included)', async () => {
    const speeding = (await catalogue()).filter((type) => type.isSpeeding);
    expect(speeding.length).toBeGreaterThan(0);
    const limitKmh = 120;
    let checked = 0;
    for (const type of speeding) {
      expect(type.speedingBands.length).toBeGreaterThan(1);
      for (const band of type.speedingBands) {
        const overs = [band.overFromKmh + 1, band.overToKmh ?? band.overFromKmh + 25];
        for (const over of overs) {
          const speedKmh = limitKmh + over;
          const previewed = await preview({ typeCode: type.code, speedKmh, limitKmh });
          expect(previewed.statusCode, previewed.body).toBe(200);
          expect(previewed.json()).toMatchObject({ typeCode: type.code, amount: band.amount, speedingBand: { overFromKmh: band.overFromKmh, overToKmh: band.overToKmh } });
          const recorded = await record(type.code, { speedKmh, limitKmh });
          expect({ amount: recorded.amount, currency: recorded.currency }).toEqual({ amount: previewed.json().amount, currency: previewed.json().currency });
          checked += 1;
        }
      }
    }
    const issueCase = await preview({ typeCode: 'speeding', speedKmh: 165, limitKmh: 120 });
    expect(issueCase.json().amount).toBe('150.000');
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('equals the recorded fine for every fixed-fine type', async () => {
    for (const type of (await catalogue()).filter((ty) => !ty.isSpeeding)) {
      const previewed = await preview({ typeCode: type.code });
      expect(previewed.statusCode, previewed.body).toBe(200);
      expect(previewed.json()).toMatchObject({ amount: type.amount, speedingBand: null });
      expect((await record(type.code)).amount).toBe(previewed.json().amount);
    }
  });

  it('records nothing, and answers stable codes for a speeding type without a speed over the limit or an unknown type', async () => {
    const before = await violationCount();
    const noSpeed = await preview({ typeCode: 'speeding' });
    expect(noSpeed.statusCode).toBe(400);
    expect(noSpeed.json().code).toBe('violation_speed_required');
    const under = await preview({ typeCode: 'speeding', speedKmh: 100, limitKmh: 120 });
    expect(under.json().code).toBe('violation_speed_required');
    const unknown = await preview({ typeCode: 'no-such-type' });
    expect(unknown.json().code).toBe('violation_type_unknown');
    const junk = await preview({ typeCode: 'speeding', speedKmh: 'fast', limitKmh: 120 });
    expect(junk.statusCode).toBe(400);
    expect(await violationCount()).toBe(before);
  });
});
