// Typst, the typesetting engine behind every Tasdeed PDF: one compiler per thread, with the project's own fonts
// passed as bytes. The templates name their families with `fallback: false`, so a glyph that is not in Amiri or
// Noto Sans is missing rather than taken from whatever the machine has installed (fonts-used.test checks that
// only these faces end up in a PDF). Runs inside the render workers (render.pool.ts), never on the main thread
// of a server.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { qrSvg } from './qr.js';

const require = createRequire(import.meta.url);

/** Amiri for Arabic (its text extracts in logical order with poppler), Noto Sans for Latin. */
export const FONT_FILES = [
  '@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf',
  '@expo-google-fonts/amiri/700Bold/Amiri_700Bold.ttf',
  '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
  '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
] as const;

/** The folder the templates import each other from: the repository's src/, as `/shared/pdf/typst/tasdeed.typ`. */
export const TEMPLATE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A template, by its path under src/: 'modules/billing/bill.typ'. */
export type TemplatePath = `${string}.typ`;

export interface TypstJob {
  template: TemplatePath;
  /** Everything the template prints, already formatted; read there as `json(bytes(sys.inputs.data))`. */
  data: unknown;
  /**
   * Texts to draw as QR codes, by name: encoded here, in the worker (the encoding is the costliest part of
   * preparing a bill), and read by the template as `sys.inputs.at("qr-" + name)` (an SVG).
   */
  qrCodes?: Record<string, string>;
}

let compiler: NodeCompiler | undefined;
let compiled = 0;

function compilerOfThisThread(): NodeCompiler {
  compiler ??= NodeCompiler.create({
    workspace: TEMPLATE_ROOT,
    fontArgs: [{ fontBlobs: FONT_FILES.map((file) => readFileSync(require.resolve(file))) }],
  });
  return compiler;
}

/** Whether this thread has a compiler: false on a server's main thread, where nothing should be typeset. */
export function compilerStartedInThisThread(): boolean {
  return compiler !== undefined;
}

/** Compiles one document to PDF bytes. Throws with Typst's diagnostics when a template does not compile. */
export async function compilePdf(job: TypstJob): Promise<Buffer> {
  const typst = compilerOfThisThread();
  const inputs: Record<string, string> = { data: JSON.stringify(job.data) };
  for (const [name, text] of Object.entries(job.qrCodes ?? {})) inputs[`qr-${name}`] = await qrSvg(text);
  const result = typst.compile({ mainFilePath: `${TEMPLATE_ROOT}${job.template}`, inputs });
  const document = result.result;
  if (!document || result.hasError()) {
    const diagnostics = result.takeDiagnostics() ?? result.takeError();
    throw new Error(`typst could not compile ${job.template}: ${JSON.stringify(diagnostics?.shortDiagnostics ?? [])}`);
  }
  // A fixed creation date: the same data gives the same bytes, wherever and whenever it is rendered.
  const pdf = typst.pdf(document, { creationTimestamp: 0 });
  // Typst memoises layouts across compilations; without eviction a long-lived worker's memory only grows.
  compiled += 1;
  if (compiled % 50 === 0) typst.evictCache(10);
  return pdf;
}
