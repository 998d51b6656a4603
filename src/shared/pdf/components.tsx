// Building blocks shared by the e-bill and the receipt. Every piece takes the document's Layout, so the Arabic
// document mirrors itself (rows from the right, text right-aligned, rtl paragraphs) without each document
// thinking about it.
import type { ComponentProps, ReactNode } from 'react';
import { Image, Text, View } from '@react-pdf/renderer';
import { isolateLeftToRight } from './bidi.js';
import { formatAmount } from '../money.js';
import { formatMoney, type Bilingual } from './format.js';
import { ARABIC_FAMILY, LATIN_FAMILY, measureLatin } from './fonts.js';
import { breakAtSeparators } from './line-breaks.js';
import { colors, styles, type Layout } from './theme.js';

export type PdfStyle = NonNullable<ComponentProps<typeof View>['style']>;
type Align = 'start' | 'end' | 'center';

/** The fontSize a style sets last, if any (styles may be nested arrays). */
function fontSizeOf(style: PdfStyle | undefined): number | undefined {
  if (!style) return undefined;
  if (Array.isArray(style)) {
    for (let i = style.length - 1; i >= 0; i -= 1) {
      const size = fontSizeOf(style[i] as PdfStyle | undefined);
      if (size !== undefined) return size;
    }
    return undefined;
  }
  const { fontSize } = style as { fontSize?: unknown };
  return typeof fontSize === 'number' ? fontSize : undefined;
}

/**
 * Text in the document's direction. In Arabic documents every left-to-right island (dates, amounts, ids, URLs)
 * is isolated so the Unicode bidi algorithm cannot reorder its parts (see bidi.ts).
 *
 * The line height is set here: Noto Naskh's own line box is 1.7 em (its descenders are deep), which spreads an
 * Arabic form thin. react-pdf resolves a unitless lineHeight against the element's own fontSize (its 18 pt default
 * when the size is only inherited), so the size is always set on the element too.
 */
export function PdfText(props: { layout: Layout; children: string | number | (string | number)[]; align?: Align; style?: PdfStyle }) {
  const { layout, align = 'start' } = props;
  const raw = [props.children].flat().join('');
  const text = layout.rtl ? isolateLeftToRight(raw) : raw;
  const textAlign = align === 'center' ? 'center' : align === 'end' ? layout.end : layout.start;
  const fontSize = fontSizeOf(props.style) ?? layout.baseSize;
  const lineHeight = layout.rtl ? 1.5 : 1.3;
  return (
    <Text style={[{ fontFamily: layout.fontFamily, direction: layout.rtl ? 'rtl' : 'ltr', textAlign, fontSize, lineHeight }, props.style]}>
      {text}
    </Text>
  );
}

/** A row whose first child sits where reading starts. */
export function Row(props: { layout: Layout; children: ReactNode; style?: PdfStyle; wrap?: boolean }) {
  return <View wrap={props.wrap} style={[{ flexDirection: props.layout.row }, props.style]}>{props.children}</View>;
}

/**
 * The letterhead: the biller's Arabic name on the right and English name on the left in both documents, as on
 * a Kuwaiti ministry's paper, with the document's title and reference beneath.
 */
export function DocumentHeader(props: { layout: Layout; biller: Bilingual; title: string; reference: string; compact?: boolean }) {
  const { layout, compact } = props;
  return (
    <View style={{ backgroundColor: colors.band, borderRadius: 4, paddingVertical: compact ? 6 : 8, paddingHorizontal: compact ? 10 : 12 }}>
      <View style={{ flexDirection: 'row', justifyContent: 'space-between', alignItems: 'center' }}>
        <Text style={{ fontFamily: LATIN_FAMILY, fontWeight: 700, fontSize: compact ? 10 : 11, color: colors.bandText, maxWidth: '48%' }}>{props.biller.en}</Text>
        <Text style={{ fontFamily: ARABIC_FAMILY, direction: 'rtl', textAlign: 'right', fontWeight: 700, fontSize: compact ? 11 : 13, color: colors.bandText, maxWidth: '48%' }}>
          {props.biller.ar}
        </Text>
      </View>
      <Row layout={layout} style={{ justifyContent: 'space-between', alignItems: 'flex-end', marginTop: compact ? 3 : 6 }}>
        <PdfText layout={layout} style={{ fontSize: compact ? 13 : 15, fontWeight: 700, color: colors.bandText }}>{props.title}</PdfText>
        <PdfText layout={layout} align="end" style={{ fontSize: compact ? 8 : 9, color: colors.bandText }}>{props.reference}</PdfText>
      </Row>
    </View>
  );
}

/**
 * "Label ........ value" on one line; the label where reading starts, the value at the other end, and an
 * optional second, quieter line under the value (the Hijri date under a Gregorian one).
 */
export function LabelValueRow(props: { layout: Layout; label: string; value: string; detail?: string; strong?: boolean; valueStyle?: PdfStyle }) {
  const { layout } = props;
  return (
    <Row layout={layout} wrap={false} style={{ justifyContent: 'space-between', paddingVertical: layout.baseSize > 9 ? 3 : 1.5, ...styles.rule }}>
      <View style={{ width: '40%' }}>
        <PdfText layout={layout} style={styles.muted}>{props.label}</PdfText>
      </View>
      <View style={{ width: '60%' }}>
        <PdfText layout={layout} align="end" style={[{ fontWeight: props.strong ? 700 : 400 }, props.valueStyle]}>{props.value}</PdfText>
        {props.detail ? <PdfText layout={layout} align="end" style={{ fontSize: 7.5, color: colors.muted }}>{props.detail}</PdfText> : null}
      </View>
    </Row>
  );
}

/**
 * An amount, aligned to the end of its cell (where numbers line up in both languages). In tables whose header
 * names the currency, `bare` leaves it out of each cell. Credits (negative amounts) are green.
 */
export function MoneyCell(props: { layout: Layout; amount: bigint; currency: string; bare?: boolean; strong?: boolean; size?: number; style?: PdfStyle }) {
  const { layout } = props;
  const text = props.bare ? formatAmount(props.amount, props.currency) : formatMoney(props.amount, props.currency, layout.language);
  return (
    <PdfText
      layout={layout}
      align="end"
      style={[{ fontWeight: props.strong ? 700 : 400, fontSize: props.size ?? layout.baseSize, color: props.amount < 0n ? colors.accent : colors.ink }, props.style]}
    >
      {text}
    </PdfText>
  );
}

/**
 * A QR code (PNG data URL from qr.ts) with a caption and the link spelled out for those who cannot scan. The link
 * is broken into lines by measuring it in the font, at its own separators: react-pdf would otherwise either run it
 * over the QR code or hyphenate it, and a hyphen inserted into a URL makes a different URL.
 */
export function QrBlock(props: { layout: Layout; dataUrl: string; caption: string; url: string; size?: number; textWidth: number }) {
  const { layout } = props;
  const size = props.size ?? 84;
  const urlSize = 7;
  return (
    <Row layout={layout} style={{ alignItems: 'center' }}>
      <Image src={props.dataUrl} style={{ width: size, height: size }} />
      <View style={{ width: props.textWidth, [layout.rtl ? 'marginRight' : 'marginLeft']: 8 }}>
        <PdfText layout={layout} style={{ fontWeight: 700, fontSize: 9 }}>{props.caption}</PdfText>
        <View style={{ marginTop: 3 }}>
          {breakAtSeparators(props.url, props.textWidth, (text) => measureLatin(text, urlSize)).map((line, index) => (
            <Text key={index} style={{ fontFamily: LATIN_FAMILY, fontSize: urlSize, color: colors.band, textAlign: layout.start }}>{line}</Text>
          ))}
        </View>
      </View>
    </Row>
  );
}

/** A section heading with a rule under it. */
export function SectionTitle(props: { layout: Layout; children: string }) {
  return (
    <View style={{ borderBottomWidth: 1.25, borderBottomColor: colors.band, marginBottom: 4 }}>
      <PdfText layout={props.layout} style={styles.sectionTitle}>{props.children}</PdfText>
    </View>
  );
}

/**
 * The foot of every page: a note where reading starts, and the document's reference with "page n/N" at the other
 * end, so a page that comes loose still says what it belongs to.
 */
export function PageFooter(props: { layout: Layout; note?: string; reference: string }) {
  const { layout } = props;
  const pageWord = layout.rtl ? 'صفحة' : 'Page';
  const footerText = { fontFamily: layout.fontFamily, direction: layout.rtl ? 'rtl' : 'ltr', fontSize: 7, color: colors.muted } as const;
  return (
    <View fixed style={[styles.footer, { flexDirection: layout.row, justifyContent: 'space-between', alignItems: 'flex-end' }]}>
      <View style={{ width: '62%' }}>
        {props.note ? <PdfText layout={layout} style={{ fontSize: 7, color: colors.muted }}>{props.note}</PdfText> : null}
      </View>
      <Text
        style={[footerText, { width: '36%', textAlign: layout.end }]}
        render={({ pageNumber, totalPages }) => {
          const text = `${props.reference} · ${pageWord} ${pageNumber}/${totalPages}`;
          return layout.rtl ? isolateLeftToRight(text) : text;
        }}
      />
    </View>
  );
}
