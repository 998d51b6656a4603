// Looking violations up (masked for strangers, full for the owner and staff), types held for legal process, the
// catalogue, and clearance for other government services.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signIn, type TestApp } from '../support/app.js';
import { DEMO_PASSWORD } from '../../src/db/seed/demo-accounts.js';
import type { SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { payables, receivableAccountOf } from '../../src/modules/billers/billers.service.js';
import { accounts, post } from '../../src/modules/ledger/ledger.service.js';
import { auditByAction } from '../../src/platform/audit.js';
import { demoPlate } from '../../src/modules/fines/demo-data.js';
import { inTransaction } from '../../src/platform/context.js';
import { signedHeaders } from './support.js';

let t: TestApp;
let people: SeededPerson[];
let officer: string;

beforeAll(async () => {
  // The 'demo' seed is seedDemo(ctx, { people: 5 }) at this time, made once per run (test/support/seeds.ts).
  t = await createTestApp({ now: '2026-03-15T09:00:00.000Z', seeded: 'demo' });
  people = t.seeded!.people;
  officer = await signIn(t.app, { username: 'officer', password: DEMO_PASSWORD });
});
afterAll(async () => t?.close());

const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });

describe('look-up by plate or civil ID', () => {
  it('shows a stranger what paying needs only: type, amount and due date; no day, time, place, speed, evidence or civil ID', async () => {
    const response = await get(`/api/v1/violations?plate=${encodeURIComponent(demoPlate(0, 0))}`);
    expect(response.statusCode).toBe(200);
    const [violation] = response.json().violations;
    expect(violation).toMatchObject({
      violationNumber: 'DEMO-0001', detail: 'masked', type: { code: 'speeding' }, amount: '80.000', status: 'unpaid', dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      speedKmh: null, limitKmh: null, ownerCivilId: null, objection: null,
    });
    expect(violation.plate).toBe(`${demoPlate(0, 0).slice(0, -2).replace(/\d/g, '*')}${demoPlate(0, 0).slice(-2)}`);
    for (const hidden of ['evidenceRef', 'place', 'occurredAt', 'occurredOn', 'recordedAt', 'notifiedAt']) expect(violation).not.toHaveProperty(hidden);
    const [audit] = await auditByAction(t.ctx, 'violations.lookup');
    expect(audit).toMatchObject({ actorKind: 'anonymous', entityId: `plate:${demoPlate(0, 0)}`, detail: { found: 1 } });
  });

  it('shows the signed-in owner and an officer the full record with the evidence reference', async () => {
    const owner = await signIn(t.app, { civilId: people[0]!.civilId, password: DEMO_PASSWORD });
    for (const cookie of [owner, officer]) {
      const response = await get(`/api/v1/violations?civilId=${people[0]!.civilId}`, cookie);
      const first = response.json().violations.find((v: { violationNumber: string }) => v.violationNumber === 'DEMO-0001');
      expect(first).toMatchObject({
        detail: 'full', evidenceRef: 'cam://KW-CAP-001/demo/0001.jpg', ownerCivilId: people[0]!.civilId, place: { en: '5th Ring Road at King Fahd Road' },
        speedKmh: 147, limitKmh: 120, occurredOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), occurredAt: expect.any(String),
      });
    }
    const stranger = await signIn(t.app, { civilId: people[2]!.civilId, password: DEMO_PASSWORD });
    const masked = await get(`/api/v1/violations?plate=${encodeURIComponent(demoPlate(0, 0))}`, stranger);
    expect(masked.json().violations[0].detail).toBe('masked');
  });

  it('shows a stranger asking the dues by civil ID no bill reference (it holds the account number), only a fine\'s violation number; the owner sees all', async () => {
    const civilId = people[0]!.civilId;
    const stranger = (await get(`/api/v1/dues?civilId=${civilId}`)).json();
    expect(stranger.payables.length).toBeGreaterThan(0);
    for (const payable of stranger.payables) {
      expect(payable).toMatchObject({ biller: { code: expect.any(String) }, amountDue: expect.any(String), dueDate: expect.any(String) });
      // A fine keeps its violation number (what a counter pays it by); a bill's reference (the account number) is hidden.
      if (payable.kind === 'fine') expect(payable.reference).toMatch(/\S/);
      else expect(payable.reference).toBeNull();
    }
    expect(stranger.payables.some((p: { kind: string }) => p.kind !== 'fine')).toBe(true);
    const owner = await signIn(t.app, { civilId, password: DEMO_PASSWORD });
    const own = (await get(`/api/v1/dues?civilId=${civilId}`, owner)).json();
    expect(own.payables.map((p: { reference: string | null }) => p.reference)).toContain('DEMO-0001');
    expect(own.payables.every((p: { reference: string | null }) => typeof p.reference === 'string')).toBe(true);
  });

  it('accepts the plate written with Arabic-Indic digits and refuses a malformed one', async () => {
    const [code, number] = demoPlate(0, 0).split('/');
    const arabic = `${code}/${number}`.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
    expect((await get(`/api/v1/violations?plate=${encodeURIComponent(arabic)}`)).json().violations).toHaveLength(1);
    const bad = await get('/api/v1/violations?plate=12-ABC');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('plate_invalid');
    expect((await get('/api/v1/violations')).json().code).toBe('lookup_subject_required');
  });

  it('finds the same fines through the dues inquiry however the plate is written', async () => {
    const [code, number] = demoPlate(0, 0).split('/');
    const written = [`${code}/${number}`, `${code} - ${number}`, `${code}-${number}`, `${code}/${number}`.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!)];
    for (const plate of written) {
      const dues = await get(`/api/v1/dues?plate=${encodeURIComponent(plate)}`);
      expect(dues.statusCode, plate).toBe(200);
      expect(dues.json().payables.map((p: { description: { en: string } }) => p.description.en), plate).toContain('Traffic violation: Speeding');
    }
    const bad = await get('/api/v1/dues?plate=12-ABC');
    expect(bad.json().code).toBe('plate_invalid');
  });

  it('shows a type held for legal process with its reason, and its payable is not payable online', async () => {
    const response = await get(`/api/v1/violations?plate=${encodeURIComponent(demoPlate(0, 1))}`);
    const [held] = response.json().violations;
    expect(held).toMatchObject({ violationNumber: 'DEMO-0002', type: { code: 'reckless-driving' }, payableOnline: false, holdReason: { ar: expect.stringMatching(/[\u0600-\u06FF]/), en: expect.stringContaining('legal process') } });
    expect(await payables.find(t.ctx, held.payableId)).toMatchObject({ payableOnline: false, holdReasonEn: expect.stringContaining('legal process') });
  });

  it('lists the catalogue with speeding bands and the held types', async () => {
    const { types } = (await get('/api/v1/violation-types')).json();
    const speeding = types.find((x: { code: string }) => x.code === 'speeding');
    expect(speeding.speedingBands.map((b: { amount: string }) => b.amount)).toEqual(['70.000', '80.000', '90.000', '150.000']);
    expect(types.find((x: { code: string }) => x.code === 'reckless-driving')).toMatchObject({ payableOnline: false, amount: '150.000' });
    expect(types.find((x: { code: string }) => x.code === 'no-seatbelt')).toMatchObject({ payableOnline: true, amount: '30.000', holdReason: null });
  });
});

describe('clearance', () => {
  it('is refused to anonymous callers and citizens, and the refusal is audited', async () => {
    expect((await get(`/api/v1/clearance?civilId=${people[0]!.civilId}`)).statusCode).toBe(401);
    const citizen = await signIn(t.app, { civilId: people[0]!.civilId, password: DEMO_PASSWORD });
    expect((await get(`/api/v1/clearance?civilId=${people[0]!.civilId}`, citizen)).statusCode).toBe(403);
    const refused = (await auditByAction(t.ctx, 'fines.clearance')).filter((a) => a.outcome === 'refused');
    expect(refused.length).toBeGreaterThanOrEqual(2);
  });

  it('blocks on every unpaid violation, held ones included, and turns clear once they are paid; each answer audited', async () => {
    const civilId = people[0]!.civilId;
    const blocked = await get(`/api/v1/clearance?civilId=${civilId}`, officer);
    expect(blocked.statusCode).toBe(200);
    expect(blocked.json()).toMatchObject({ clear: false, totalDue: '230.000', currency: 'KWD', subject: { civilId } });
    expect(blocked.json().blocking.map((b: { violationNumber: string }) => b.violationNumber).sort()).toEqual(['DEMO-0001', 'DEMO-0002']);

    // A bank (another service's machine client) asks by plate, signed.
    const url = `/api/v1/clearance?plate=${encodeURIComponent(demoPlate(0, 1))}`;
    const byBank = await t.app.inject({ url, headers: signedHeaders('GET', url, '', t.clock.now(), { keyId: 'demo-bank', secret: 'demo-bank-secret-change-me-0123456789' }) });
    expect(byBank.statusCode, byBank.body).toBe(200);
    expect(byBank.json()).toMatchObject({ clear: false, blocking: [{ violationNumber: 'DEMO-0002', payableOnline: false, amountDue: '150.000' }] });

    // Paid at a counter (what payments does: apply to the payable, post clearing → receivable).
    for (const view of blocked.json().blocking as { payableId: string; amountDue: string }[]) {
      await inTransaction(t.ctx, async (tx) => {
        const payable = (await payables.applyPayment(tx, view.payableId, BigInt(view.amountDue.replace('.', ''))))!;
        await post(tx, { kind: 'test.payment', sourceRef: payable.id, currency: 'KWD', lines: [{ account: accounts.clearing('counter'), amount: payable.amount }, { account: receivableAccountOf(payable), amount: -payable.amount }] });
      });
    }
    const clear = await get(`/api/v1/clearance?civilId=${civilId}`, officer);
    expect(clear.json()).toMatchObject({ clear: true, blocking: [], totalDue: '0.000' });
    const answers = (await auditByAction(t.ctx, 'fines.clearance')).filter((a) => a.outcome === 'ok');
    expect(answers[0]).toMatchObject({ entityId: civilId, actorRole: 'officer', detail: { clear: true } });
    expect(answers.some((a) => a.actorRole === 'bank' && (a.detail as { clear: boolean }).clear === false)).toBe(true);
  });

  it('answers clear for someone with no violations, and asks for a subject', async () => {
    expect((await get('/api/v1/clearance?civilId=289011200032', officer)).json()).toMatchObject({ clear: true, totalDue: '0.000' });
    expect((await get('/api/v1/clearance', officer)).json().code).toBe('clearance_subject_required');
  });
});

describe('after the fines are paid', () => {
  it('a stranger sees no history (nothing is left to pay); the owner still sees the paid violations in full', async () => {
    const civilId = people[0]!.civilId;
    expect((await get(`/api/v1/violations?civilId=${civilId}`)).json().violations).toEqual([]);
    expect((await get(`/api/v1/violations?plate=${encodeURIComponent(demoPlate(0, 0))}`)).json().violations).toEqual([]);
    const owner = await signIn(t.app, { civilId, password: DEMO_PASSWORD });
    const own = (await get(`/api/v1/violations?civilId=${civilId}`, owner)).json().violations as { violationNumber: string; status: string; detail: string }[];
    expect(own.filter((v) => ['DEMO-0001', 'DEMO-0002'].includes(v.violationNumber)).map((v) => [v.status, v.detail])).toEqual([['paid', 'full'], ['paid', 'full']]);
  });
});
