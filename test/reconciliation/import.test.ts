// Bank statements through the reconciliation service: the public camt fixtures with their balance checks, a
// hand-made KWD day matched against bank payments posted through the API, hostile files refused with nothing
// written, a second import changing nothing, and a suspense item matched by hand (audited).
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/db/seed/index.js';
import { DEMO_API_CLIENTS } from '../../src/db/seed/demo-accounts.js';
import { signRequest } from '../../src/modules/identity/secrets.js';
import { auditByAction } from '../../src/platform/audit.js';
import { systemActor } from '../../src/platform/actor.js';
import { AppError } from '../../src/platform/errors/app-error.js';
import { importStatement, matchSuspenseEntry, suspenseList } from '../../src/modules/reconciliation/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { issueTestPayable } from '../payments/support.js';

const admin = systemActor('test:reconciliation');
const bank = DEMO_API_CLIENTS.find((c) => c.role === 'bank')!;
const PUBLIC = '/work/shared/fixtures/camt';
let t: TestApp;

beforeAll(async () => { t = await createTestApp({ now: '2026-12-05T09:00:00Z' }); });
afterAll(async () => t?.close());

const bytesOf = (path: string) => readFile(path);
const refusal = (promise: Promise<unknown>) => promise.then(() => null, (e: unknown) => (e instanceof AppError ? e.code : String(e)));

describe('public camt fixtures', () => {
  it.each([
    ['camt053.v2.minimal.xml', 'camt.053.001.02'], ['camt053.v4.xml', 'camt.053.001.04'], ['camt053.v8.xml', 'camt.053.001.08'],
  ])('%s: one booked EUR 8.85 credit, opening 18.15 CRDT, closing 27.00 stated as DBIT in SEK: not balanced', async (file, format) => {
    // The three statements share their Id and account: a fresh database for each, else the second is a duplicate.
    const own = await createTestApp({ now: '2026-12-05T09:00:00Z' });
    try {
      const summary = await importStatement(own.ctx, admin, file, await bytesOf(`${PUBLIC}/${file}`));
      expect(summary).toMatchObject({ format, entries: 1, booked: 1, pending: 0, matched: 0, suspense: 1, reversed: 0, duplicate: false, openingBalance: '18.15', closingBalance: '-27.00', balanced: false });
    } finally { await own.close(); }
  });

  it.each([['camt054.v2.xml', 'camt.054.001.02'], ['camt054.v8.xml', 'camt.054.001.08']])('%s: one booked SEK 200000.00 debit, no balances to check', async (file, format) => {
    const own = await createTestApp({ now: '2026-12-05T09:00:00Z' });
    try {
      const summary = await importStatement(own.ctx, admin, file, await bytesOf(`${PUBLIC}/${file}`));
      expect(summary).toMatchObject({ format, entries: 1, booked: 1, pending: 0, suspense: 1, duplicate: false, openingBalance: null, closingBalance: null, balanced: null });
    } finally { await own.close(); }
  });
});

function signedPost(url: string, body: unknown) {
  const text = JSON.stringify(body);
  const timestamp = String(Math.floor(t.clock.now().getTime() / 1000));
  return t.app.inject({
    method: 'POST', url, payload: text,
    headers: { 'content-type': 'application/json', 'x-tasdeed-key': bank.keyId, 'x-tasdeed-timestamp': timestamp, 'x-tasdeed-signature': signRequest(bank.secret, 'POST', url, timestamp, text) },
  });
}

describe('a KWD day at a bank', () => {
  const paymentIds: Record<string, string> = {};
  beforeAll(async () => {
    const person = (await seedDemo(t.ctx, { people: 1 })).people[0]!;
    for (const [externalId, amount] of [['RECON-A', 5_250n], ['RECON-B', 7_125n], ['RECON-C', 3_500n], ['RECON-MANUAL', 2_000n]] as const) {
      const bill = await issueTestPayable(t.ctx, { amount, accountNumber: `R-${externalId}`, civilId: person.civilId, personId: person.id });
      const paid = await signedPost('/api/v1/payments', { channel: 'bank', externalId, items: [{ payableId: bill.id, amount: (Number(amount) / 1000).toFixed(3) }] });
      expect(paid.statusCode).toBe(201);
      paymentIds[externalId] = paid.json().paymentId;
    }
  });

  it('splits the batch, matches the reversal, leaves the pending entry unbooked and keeps the unknown one in suspense', async () => {
    const file = await bytesOf('test/fixtures/camt/kwd-day.camt053.xml');
    const summary = await importStatement(t.ctx, admin, 'kwd-day.camt053.xml', file);
    expect(summary).toEqual({
      file: 'kwd-day.camt053.xml', format: 'camt.053.001.08', statementId: 'NBK-STMT-20261205', entries: 5, booked: 4, pending: 1, matched: 2, suspense: 1, reversed: 1,
      duplicate: false, openingBalance: '100.000', closingBalance: '110.875', balanced: true,
    });
    const suspense = await suspenseList(t.ctx, admin);
    expect(suspense.map((e) => [e.endToEndId, e.amount, e.suspenseReason])).toContainEqual(['NOBODY-KNOWS', 2_000n, 'no_reference_matched']);

    const again = await importStatement(t.ctx, admin, 'again.xml', file);
    expect(again).toMatchObject({ duplicate: true, matched: 2, suspense: 1 });
    expect((await suspenseList(t.ctx, admin)).length).toBe(suspense.length);
    expect((await auditByAction(t.ctx, 'reconciliation.statement.import', 100)).filter((a) => a.outcome === 'ok')).toHaveLength(1);
  });

  it('lets an admin match the suspense item to a payment by hand, audited, and only once', async () => {
    const item = (await suspenseList(t.ctx, admin)).find((e) => e.endToEndId === 'NOBODY-KNOWS')!;
    const matched = await matchSuspenseEntry(t.ctx, admin, item.id, paymentIds['RECON-MANUAL']!, 'payer wrote the wrong reference');
    expect(matched).toMatchObject({ state: 'matched', paymentId: paymentIds['RECON-MANUAL'] });
    const audit = await auditByAction(t.ctx, 'reconciliation.suspense.match', 10);
    expect(audit[0]).toMatchObject({ entityId: item.id, outcome: 'ok' });
    expect(await refusal(matchSuspenseEntry(t.ctx, admin, item.id, paymentIds['RECON-MANUAL']!, 'twice'))).toBe('recon_entry_not_in_suspense');
  });

  it('refuses hostile or wrong files with their codes, writes nothing, and audits each refusal', async () => {
    const before = (await suspenseList(t.ctx, admin)).length;
    const refusedBefore = (await auditByAction(t.ctx, 'reconciliation.statement.import', 100)).filter((a) => a.outcome === 'refused').length;
    const kwd = (await bytesOf('test/fixtures/camt/kwd-day.camt053.xml')).toString('utf8').replace('NBK-STMT-20261205', 'NBK-STMT-OTHER');
    const xxe = kwd.replace('<Document', '<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Document').replace('NBK-STMT-OTHER', '&xxe;');
    const laughs = kwd.replace('<Document', '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<Document');
    const cases: [string, string | Buffer][] = [
      ['recon_xml_doctype_refused', xxe],
      ['recon_xml_doctype_refused', laughs],
      ['recon_namespace_unknown', kwd.replace('camt.053.001.08', 'camt.052.001.08')],
      ['recon_amount_invalid', kwd.replace('5.250', '5.2500')],
      ['recon_currency_mismatch', kwd.replace('<Amt Ccy="KWD">2.000</Amt>\n        <CdtDbtInd>', '<Amt Ccy="SAR">2.00</Amt>\n        <CdtDbtInd>')],
      ['recon_file_too_large', Buffer.alloc(6 * 1024 * 1024, 0x20)],
    ];
    for (const [code, content] of cases) {
      expect(await refusal(importStatement(t.ctx, admin, 'bad.xml', Buffer.isBuffer(content) ? content : Buffer.from(content)))).toBe(code);
    }
    expect((await suspenseList(t.ctx, admin)).length).toBe(before);
    const refused = (await auditByAction(t.ctx, 'reconciliation.statement.import', 100)).filter((a) => a.outcome === 'refused');
    expect(refused.length - refusedBefore).toBe(cases.length);
  });
});
