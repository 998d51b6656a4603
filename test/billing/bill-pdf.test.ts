// The e-bill of a real bill (seeded history, the bill run's own lines) rendered to PDF and back: page 1 becomes a
// PNG (pdftoppm) and the text read back (pdftotext) has the Arabic words joined and the amounts and dates in
// left-to-right digit order inside the right-to-left lines.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { billPdf, myBills } from '../../src/modules/billing/bills.service.js';
import { formatAmount } from '../../src/shared/money.js';
import type { Actor } from '../../src/platform/actor.js';

let t: TestApp;
let owner: Actor;
const dir = mkdtempSync(join(tmpdir(), 'tasdeed-bill-pdf-'));

beforeAll(async () => {
  t = await createTestApp({ now: '2026-11-22T10:00:00+03:00' });
  const { people } = await seedDemo(t.ctx, { people: 3 });
  owner = { kind: 'person', id: people[0]!.id, role: 'citizen', civilId: people[0]!.civilId };
});
afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the e-bill PDF of a billed account', () => {
  it('renders in Arabic with joined letters and digits in reading order, and as a PNG', async () => {
    const { bills } = await myBills(t.ctx, owner);
    const bill = bills.find((b) => b.billerCode === 'mew-electricity' && b.period === '2026-10' && b.category === 'residential')!;
    const { pdf } = await billPdf(t.ctx, owner, bill.id, 'ar');
    const file = join(dir, 'bill-ar.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('فاتورة');
    expect(text).toContain(bill.billNumber);
    expect(text).toContain(formatAmount(bill.amount, 'KWD'));
    expect(text).toContain(bill.dueDate);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(dir, 'bill-ar')]);
    const png = readFileSync(join(dir, 'bill-ar-1.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(join(dir, 'bill-ar-1.png')).size).toBeGreaterThan(20_000);
  });
});
