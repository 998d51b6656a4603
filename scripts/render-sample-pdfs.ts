// Renders the sample e-bill and receipt (Typst, on the render pool) in Arabic and English and saves page 1 of each as a PNG under
// docs/images/ for the README: `npx tsx scripts/render-sample-pdfs.ts [--dpi 80] [--pdf]` (--pdf keeps the PDFs too).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { renderBillPdf } from '../src/modules/billing/billing.pdf.js';
import { sampleBillDocument } from '../src/modules/billing/billing.pdf.sample.js';
import { renderReceiptPdf } from '../src/modules/payments/receipts.pdf.js';
import { sampleReceiptDocument } from '../src/modules/payments/receipts.pdf.sample.js';
import { rasterizePage } from '../src/shared/pdf/poppler.js';
import { closeRenderPool } from '../src/shared/pdf/render.js';

const { values } = parseArgs({ options: { dpi: { type: 'string', default: '80' }, pdf: { type: 'boolean', default: false } } });
const dpi = Number(values.dpi);
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'images');
await mkdir(outDir, { recursive: true });

for (const language of ['ar', 'en'] as const) {
  const documents: [string, Buffer][] = [
    [`bill-${language}`, await renderBillPdf(sampleBillDocument(), language)],
    [`receipt-${language}`, await renderReceiptPdf(sampleReceiptDocument(), language)],
  ];
  for (const [name, pdf] of documents) {
    const png = await rasterizePage(pdf, { dpi });
    await writeFile(join(outDir, `${name}.png`), png);
    if (values.pdf) await writeFile(join(outDir, `${name}.pdf`), pdf);
    console.log(`docs/images/${name}.png  ${(png.length / 1024).toFixed(0)} kB`);
  }
}
await closeRenderPool();
