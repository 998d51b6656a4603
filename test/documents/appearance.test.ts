// The e-bill, the receipt and a report's PDF export as they look, in Arabic and English, against reviewed pictures in
// test/fixtures/documents/: a change of look fails here until the new pictures are reviewed and committed.
// After a deliberate change: `TASDEED_DOCUMENT_IMAGES=write npx vitest run --project pglite test/documents/appearance.test.ts`,
// look at every picture, commit them.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { renderBillPdf } from '../../src/modules/billing/billing.pdf.js';
import { sampleBillDocument } from '../../src/modules/billing/billing.pdf.sample.js';
import { renderReceiptPdf } from '../../src/modules/payments/receipts.pdf.js';
import { sampleReceiptDocument } from '../../src/modules/payments/receipts.pdf.sample.js';
import { renderReportPdf } from '../../src/modules/reports/report-pdf.js';
import { sampleReportTable } from '../../src/modules/reports/report-pdf.sample.js';
import { rasterizePage } from '../../src/shared/pdf/poppler.js';
import { closeRenderPool } from '../../src/shared/pdf/render.js';
import { decodePng, differingShare } from '../support/png.js';

const DPI = 50;
/**
 * Typst's output is byte for byte the same for the same data, and the same poppler draws it the same: the share is
 * 0 here. A few stray antialiased pixels (a poppler update) are let through; one changed amount (about 0.01% of
 * the page at this resolution) is not.
 */
const TOLERANCE = 0.00003;
const write = process.env.TASDEED_DOCUMENT_IMAGES === 'write';
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/documents/${name}.png`, import.meta.url));

const DOCUMENTS = {
  'bill-ar': () => renderBillPdf(sampleBillDocument(), 'ar'),
  'bill-en': () => renderBillPdf(sampleBillDocument(), 'en'),
  'receipt-ar': () => renderReceiptPdf(sampleReceiptDocument(), 'ar'),
  'receipt-en': () => renderReceiptPdf(sampleReceiptDocument(), 'en'),
  'report-ar': () => renderReportPdf(sampleReportTable(), 'ar'),
  'report-en': () => renderReportPdf(sampleReportTable(), 'en'),
} as const;

describe('how the documents look', () => {
  afterAll(closeRenderPool);

  for (const [name, render] of Object.entries(DOCUMENTS)) {
    it(`${name} matches its reviewed picture`, async () => {
      const png = await rasterizePage(await render(), { dpi: DPI, gray: true });
      if (write) await writeFile(fixture(name), png);
      expect(existsSync(fixture(name))).toBe(true);
      const share = differingShare(decodePng(png), decodePng(await readFile(fixture(name))));
      expect(share).toBeLessThanOrEqual(TOLERANCE);
    });
  }

  it('notices a changed amount on the bill', async () => {
    const changed = sampleBillDocument({ lines: [...sampleBillDocument().lines.slice(0, 2), { kind: 'arrears', label: { ar: 'متأخرات من الفواتير السابقة', en: 'Arrears carried forward' }, amount: 8_000n }], totalDue: 17_500n });
    const png = await rasterizePage(await renderBillPdf(changed, 'en'), { dpi: DPI, gray: true });
    expect(differingShare(decodePng(png), decodePng(await readFile(fixture('bill-en'))))).toBeGreaterThan(TOLERANCE);
  });
});
