// One look for every document, and the mirror image of it for Arabic: an Arabic document is right to left
// throughout (rows run from the right, text is right-aligned, the paragraph direction is rtl), not an English
// page with Arabic words in it.
import { StyleSheet } from '@react-pdf/renderer';
import { fontStack } from './fonts.js';
import type { DocumentLanguage } from './format.js';

export const colors = {
  ink: '#1c2430',
  muted: '#5b6573',
  rule: '#d5dbe3',
  band: '#0d4f6c',
  bandText: '#ffffff',
  panel: '#f2f5f8',
  accent: '#0d7a5f',
  bar: '#9fb7c8',
  barCurrent: '#0d4f6c',
  warning: '#b45309',
  danger: '#b42318',
} as const;

export interface Layout {
  language: DocumentLanguage;
  rtl: boolean;
  /** flexDirection for a row that starts where reading starts. */
  row: 'row' | 'row-reverse';
  /** The side where reading starts / ends. */
  start: 'left' | 'right';
  end: 'left' | 'right';
  fontFamily: string[];
  /** Size of body text in points; headings and small print keep their own sizes. */
  baseSize: number;
}

export function layoutFor(language: DocumentLanguage, baseSize = 9): Layout {
  const rtl = language === 'ar';
  return {
    language,
    rtl,
    baseSize,
    row: rtl ? 'row-reverse' : 'row',
    start: rtl ? 'right' : 'left',
    end: rtl ? 'left' : 'right',
    fontFamily: fontStack(language),
  };
}

export const styles = StyleSheet.create({
  page: { paddingTop: 28, paddingBottom: 36, paddingHorizontal: 32, color: colors.ink, fontSize: 9 },
  section: { marginTop: 10 },
  sectionTitle: { fontSize: 10, fontWeight: 700, color: colors.band, marginBottom: 4 },
  panel: { backgroundColor: colors.panel, borderRadius: 4, padding: 8 },
  rule: { borderBottomWidth: 0.75, borderBottomColor: colors.rule },
  muted: { color: colors.muted },
  footer: { position: 'absolute', bottom: 16, left: 32, right: 32, fontSize: 7, color: colors.muted },
});
