// The one way our documents become bytes: fonts ready (and repaired), then react-pdf.
import type { ReactElement } from 'react';
import { renderToBuffer, type DocumentProps } from '@react-pdf/renderer';
import { ensurePdfFonts } from './fonts.js';

export async function renderPdfToBuffer(document: ReactElement<DocumentProps>): Promise<Buffer> {
  await ensurePdfFonts();
  return renderToBuffer(document);
}
