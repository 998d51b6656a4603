// Looking at our PDFs the way a reader's software does, with poppler-utils (pdftoppm, pdftotext, pdfinfo): used
// by the tests and by scripts/render-sample-pdfs.ts, never on a request path.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function withPdfFile<T>(pdf: Buffer, use: (path: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'tasdeed-pdf-'));
  try {
    const path = join(dir, 'document.pdf');
    await writeFile(path, pdf);
    return await use(path, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Page `page` (1-based) as a PNG at `dpi` dots per inch, in colour or (`gray`) in grey levels. */
export function rasterizePage(pdf: Buffer, options: { page?: number; dpi?: number; gray?: boolean } = {}): Promise<Buffer> {
  const page = String(options.page ?? 1);
  const colour = options.gray ? ['-gray'] : [];
  return withPdfFile(pdf, async (path, dir) => {
    await run('pdftoppm', ['-png', ...colour, '-r', String(options.dpi ?? 80), '-f', page, '-l', page, '-singlefile', path, join(dir, 'page')]);
    return readFile(join(dir, 'page.png'));
  });
}

/**
 * The share of page `page` that is not white (grey level below 200 of 255), from a greyscale rendering: a blank or
 * nearly blank page is close to 0.
 */
export function inkCoverage(pdf: Buffer, options: { page?: number; dpi?: number } = {}): Promise<number> {
  const page = String(options.page ?? 1);
  return withPdfFile(pdf, async (path, dir) => {
    await run('pdftoppm', ['-gray', '-r', String(options.dpi ?? 40), '-f', page, '-l', page, '-singlefile', path, join(dir, 'page')]);
    const pgm = await readFile(join(dir, 'page.pgm'));
    // Binary PGM: "P5", width, height, maxval, then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 64));
    if (!header) throw new Error('pdftoppm did not write a PGM');
    const pixels = pgm.subarray(header[0].length);
    let inked = 0;
    for (const value of pixels) if (value < 200) inked += 1;
    return inked / pixels.length;
  });
}

/**
 * The text a reader's software extracts (what copy, search and screen readers get), in reading order. `raw` keeps
 * the content stream's order and includes slanted text (a watermark), which the default layout mode leaves out.
 */
export function extractText(pdf: Buffer, options: { raw?: boolean } = {}): Promise<string> {
  const mode = options.raw ? ['-raw'] : [];
  return withPdfFile(pdf, async (path) => (await run('pdftotext', ['-enc', 'UTF-8', ...mode, path, '-'])).stdout);
}

/**
 * The extracted text as a reader's copy has it: pdftotext marks each change of direction with embedding controls
 * (U+202A-U+202C) and sometimes moves the space next to a number inside the mark; the controls are dropped here.
 */
export async function readableText(pdf: Buffer, options: { raw?: boolean } = {}): Promise<string> {
  return (await extractText(pdf, options)).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
}

/**
 * The extracted text with its layout flattened, for finding phrases in either mode: controls and zero-width
 * spaces dropped, every run of white space one space, none beside punctuation ("( د . ك )" is "(د.ك)"). Words
 * stay in the order the PDF gives them, so a phrase found here was extracted in reading order.
 */
export async function flatText(pdf: Buffer, options: { raw?: boolean } = {}): Promise<string> {
  return (await readableText(pdf, options))
    .replace(/\u200b/g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([().:،؛[\]]) ?/g, '$1')
    .trim();
}

/** pdftotext's layout mode may drop the space where a number meets an Arabic word: compare without it. */
export function joinNumbers(text: string): string {
  return text.replace(/(\d) (?=[\u0600-\u06ff])|([\u0600-\u06ff]) (?=\d)/g, '$1$2');
}

/** Every closing bracket comes after its opening one: a mirrored "(kWh)" reads ")kWh(". */
export function bracketsInOrder(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** The names of the fonts embedded in a PDF, as pdffonts lists them (without the subset prefix). */
export function embeddedFonts(pdf: Buffer): Promise<string[]> {
  return withPdfFile(pdf, async (path) => {
    const { stdout } = await run('pdffonts', [path]);
    return stdout.split('\n').slice(2).filter(Boolean).map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
  });
}

export function pageCount(pdf: Buffer): Promise<number> {
  return withPdfFile(pdf, async (path) => {
    const { stdout } = await run('pdfinfo', [path]);
    const match = /^Pages:\s+(\d+)$/m.exec(stdout);
    if (!match) throw new Error('pdfinfo did not report a page count');
    return Number(match[1]);
  });
}

/** The document's title and author, as pdfinfo reads them from the PDF's metadata. */
export function documentInfo(pdf: Buffer): Promise<{ title?: string; author?: string }> {
  return withPdfFile(pdf, async (path) => {
    const { stdout } = await run('pdfinfo', ['-enc', 'UTF-8', path]);
    const field = (name: string) => new RegExp(`^${name}:\\s+(.*)$`, 'm').exec(stdout)?.[1];
    return { title: field('Title'), author: field('Author') };
  });
}

/** Width and height from a PNG's IHDR chunk; throws if the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
