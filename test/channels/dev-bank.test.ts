// `tasdeed dev bank` as a child process against a listening server: inquiry → payment → duplicate notification →
// reversal → end-of-day report, then a payment kept; the report's totals agree with the ledger's bank clearing.
import { spawn } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ledger from '../../src/modules/ledger/index.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { channelsDemoSeeder } from '../../src/modules/channels/index.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { expectBalancedLedger, issueTestPayable } from '../payments/support.js';

let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  // The child signs with the machine's clock; the server's stands still at the start, so a slow machine gets room.
  t = await createTestApp({ config: { HMAC_MAX_SKEW_SECONDS: 3600, TZ_BUSINESS: 'Asia/Kuwait' } });
  await seedDemo(t.ctx, { people: 1 });
  await channelsDemoSeeder.run(t.ctx);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => t?.close());

interface Step { step: string; status: number; resultCode?: string; body: Record<string, unknown> }

function devBank(args: string[]): Promise<{ code: number | null; steps: Step[]; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'dev', 'bank', '--url', baseUrl, '--tz', 'Asia/Kuwait', ...args], {
    env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString(); });
  return new Promise((resolve) => child.on('close', (code) => resolve({
    code, stderr: err, steps: out.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Step),
  })));
}

describe('tasdeed dev bank', () => {
  it('inquires, pays, repeats, reverses and fetches a report that agrees with the ledger', async () => {
    const bill = await issueTestPayable(t.ctx, { billerCode: 'mew-electricity', amount: 42_250n, accountNumber: 'DEV-BANK-1' });
    await issueTestPayable(t.ctx, { billerCode: 'mew-water', amount: 8_125n, accountNumber: 'DEV-BANK-2' });
    const before = await ledger.balance(t.ctx, 'clearing:bank');

    const reversed = await devBank(['--account', 'DEV-BANK-1']);
    expect(reversed.code, reversed.stderr).toBe(0);
    expect(reversed.steps.map((s) => [s.step, s.status])).toEqual([['inquiry', 200], ['payment', 201], ['duplicate', 200], ['reversal', 200], ['report', 200]]);
    const [inquiry, payment, duplicate, reversal] = reversed.steps;
    expect((inquiry!.body.bills as { billId: string }[])[0]!.billId).toBe(bill.id);
    expect(duplicate!.body).toMatchObject({ paymentId: payment!.body.paymentId, replayed: true });
    expect(reversal!.body).toMatchObject({ paymentId: payment!.body.paymentId, amount: '42.250', status: 'reversed' });
    expect(await ledger.balance(t.ctx, 'clearing:bank')).toBe(before);

    const paid = await devBank(['--account', 'DEV-BANK-2', '--no-reverse']);
    expect(paid.code, paid.stderr).toBe(0);
    expect(paid.steps.map((s) => s.step)).toEqual(['inquiry', 'payment', 'duplicate', 'report']);
    const report = paid.steps[3]!.body as { payments: { transactionId: string; amount: string }[]; reversals: { transactionId: string; amount: string }[]; totals: { currency: string; paid: string; reversed: string; net: string }[] };
    const ours = new Set([payment!.body.transactionId, paid.steps[1]!.body.transactionId]);
    expect(report.payments.filter((p) => ours.has(p.transactionId)).map((p) => p.amount).sort()).toEqual(['42.250', '8.125']);
    expect(report.reversals.filter((r) => ours.has(r.transactionId)).map((r) => r.amount)).toEqual(['42.250']);
    // The ledger moved by exactly what the report says for these transactions, and the day's net is its totals.
    const toMinor = (text: string) => BigInt(text.replace('.', ''));
    const oursNet = report.payments.filter((p) => ours.has(p.transactionId)).reduce((sum, p) => sum + toMinor(p.amount), 0n)
      - report.reversals.filter((r) => ours.has(r.transactionId)).reduce((sum, r) => sum + toMinor(r.amount), 0n);
    expect(await ledger.balance(t.ctx, 'clearing:bank')).toBe(before + oursNet);
    const kwd = report.totals.find((x) => x.currency === 'KWD')!;
    expect(toMinor(kwd.net)).toBe(toMinor(kwd.paid) - toMinor(kwd.reversed));
    expect(toMinor(kwd.paid)).toBe(report.payments.reduce((sum, p) => sum + toMinor(p.amount), 0n));
    await expectBalancedLedger(t.ctx);
  });

  it.each([
    ['sadad', (b: Record<string, unknown>) => (b.PmtRec as Record<string, string>[])[0]!.BillerPmtId, (b: Record<string, unknown>) => (b.PmtRec as Record<string, string>[]).map((p) => p.SadadPmtId), (b: Record<string, unknown>) => (b.RevRec as Record<string, string>[]).map((r) => r.SadadPmtId)],
    ['efawateer', (b: Record<string, unknown>) => ((b.Transactions as Record<string, unknown>).TrxInf as Record<string, string>[])[0]!.ProcessDate, (b: Record<string, unknown>) => ((b.Transactions as Record<string, unknown>).TrxInf as Record<string, string>[]).filter((x) => x.PmtStatus === 'PmtComplt').map((x) => x.JOEBPPSTrx), (b: Record<string, unknown>) => ((b.Transactions as Record<string, unknown>).TrxInf as Record<string, string>[]).filter((x) => x.PmtStatus === 'PmtReversed').map((x) => x.JOEBPPSTrx)],
  ] as const)('speaks %s XML: the same day, every answer a success code, the duplicate the same payment', async (protocol, identity, paidIds, reversedIds) => {
    const account = `DEV-${protocol.toUpperCase()}-1`;
    await issueTestPayable(t.ctx, { billerCode: 'mew-electricity', amount: 15_500n, accountNumber: account });
    const before = await ledger.balance(t.ctx, 'clearing:bank');
    const run = await devBank(['--protocol', protocol, '--account', account]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.steps.map((s) => [s.step, s.status, s.resultCode])).toEqual([['inquiry', 200, '0'], ['payment', 200, '0'], ['duplicate', 200, '0'], ['reversal', 200, '0'], ['report', 200, '0']]);
    const [, payment, duplicate, , report] = run.steps;
    expect(identity(duplicate!.body)).toBe(identity(payment!.body));
    // The switch's transaction id the simulator made up for this run: paid and reversed in the day's report.
    const transactionId = /SIM-[0-9A-F]{16}/.exec(JSON.stringify(payment!.body))![0];
    expect(paidIds(report!.body)).toContain(transactionId);
    expect(reversedIds(report!.body)).toContain(transactionId);
    expect(await ledger.balance(t.ctx, 'clearing:bank')).toBe(before);
    await expectBalancedLedger(t.ctx);
  });

  it('refuses a switch protocol without an account number', async () => {
    const run = await devBank(['--protocol', 'sadad', '--civil-id', '123']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--account');
  });
});
