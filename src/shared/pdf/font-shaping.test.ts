import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Font } from '@react-pdf/renderer';
import { adaptFontShaping, containsRightToLeftLetters, mergeClusters, type FontkitFont, type FontkitGlyph, type FontkitGlyphRun } from './font-shaping.js';

const require = createRequire(import.meta.url);
const NASKH = require.resolve('@expo-google-fonts/noto-naskh-arabic/400Regular/NotoNaskhArabic_400Regular.ttf');
const SANS = require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf');

interface OutlineGlyph {
  path: { commands: { command: string }[] };
}

// fontkit objects are reached through react-pdf's font store (react-pdf depends on fontkit; we do not): each
// family registered here loads its own, unadapted, fontkit object.
let families = 0;
async function openFont(src: string): Promise<FontkitFont> {
  const family = `shaping-test-${(families += 1)}`;
  Font.register({ family, src });
  await Font.load({ fontFamily: family });
  return Font.getFont({ fontFamily: family }).data as unknown as FontkitFont;
}

async function adapted(src: string): Promise<FontkitFont> {
  const font = await openFont(src);
  adaptFontShaping(font);
  return font;
}

const contours = (glyphs: (OutlineGlyph | FontkitGlyph)[]) =>
  glyphs.reduce((sum, g) => sum + g.path.commands.filter((c) => c.command === 'closePath').length, 0);

/** What react-pdf does with a run: ask for 'ltr', then reverse right-to-left runs into visual order. */
function layoutLikeReactPdf(font: FontkitFont, text: string): FontkitGlyphRun {
  return font.layout(text, undefined, undefined, undefined, 'ltr');
}

const codePointsOf = (text: string) => Array.from(text).map((c) => c.codePointAt(0)!);
/** Right-to-left glyphs list their characters backwards (see textOrder); this reads them in logical order. */
const logicalText = (run: FontkitGlyphRun, text: string) =>
  run.glyphs.flatMap((g) => (containsRightToLeftLetters(text) ? [...g.codePoints].reverse() : g.codePoints));

function glyph(id: number, codePoints: number[], isMark = false): FontkitGlyph {
  return { id, codePoints, isMark, isLigature: codePoints.length > 1, advanceWidth: 500, path: { commands: [], translate: () => ({ commands: [], translate: () => { throw new Error('unused'); } }) } };
}

describe('mergeClusters', () => {
  it('folds a right-to-left mark into its base at the position fontkit gave it', () => {
    // Visual order as fontkit returns an rtl run: the dot (no characters) is drawn before its skeleton.
    const glyphs = [glyph(287, []), glyph(23, [0x62e]), glyph(9, [0x627])];
    const positions = [
      { xAdvance: 0, yAdvance: 0, xOffset: 268, yOffset: -335 },
      { xAdvance: 666, yAdvance: 0, xOffset: 0, yOffset: 0 },
      { xAdvance: 253, yAdvance: 0, xOffset: 0, yOffset: 0 },
    ];
    const clusters: { members: { id: number; dx: number; dy: number }[]; codePoints: number[]; advance: number }[] = [];
    const out = mergeClusters(glyphs, positions, true, (cluster) => {
      clusters.push(cluster);
      return glyph(1000 + clusters.length, cluster.codePoints);
    });
    expect(out.glyphs).toHaveLength(2);
    expect(clusters[0]).toMatchObject({ codePoints: [0x62e], advance: 666, members: [{ id: 23, dx: 0, dy: 0 }, { id: 287, dx: 268, dy: -335 }] });
    expect(clusters[1]).toMatchObject({ codePoints: [0x627], advance: 253, members: [{ id: 9, dx: 0, dy: 0 }] });
    expect(out.positions.every((p) => p.xOffset === 0 && p.yOffset === 0)).toBe(true);
  });

  it('places a left-to-right mark relative to its base, not to the pen after it', () => {
    const glyphs = [glyph(68, [0x65]), glyph(400, [0x301], true)];
    const positions = [
      { xAdvance: 560, yAdvance: 0, xOffset: 0, yOffset: 0 },
      { xAdvance: 0, yAdvance: 0, xOffset: -400, yOffset: 20 },
    ];
    let seen: { members: { dx: number; dy: number }[]; codePoints: number[] } | undefined;
    mergeClusters(glyphs, positions, false, (cluster) => {
      seen = cluster;
      return glyph(2000, cluster.codePoints);
    });
    expect(seen?.codePoints).toEqual([0x65, 0x301]);
    expect(seen?.members.map((m) => [m.dx, m.dy])).toEqual([[0, 0], [160, 20]]);
  });
});

describe('adaptFontShaping with Noto Naskh Arabic', () => {
  let naskh: FontkitFont;
  let plain: FontkitFont;
  beforeAll(async () => {
    naskh = await adapted(NASKH);
    plain = await openFont(NASKH);
  });

  it('returns one glyph per letter group, each with its own characters and no offsets', () => {
    for (const word of ['تاريخ', 'رقم', 'الفاتورة', 'وزارة', 'خيط', 'قيمة']) {
      const run = layoutLikeReactPdf(naskh, word);
      expect(logicalText(run, word)).toEqual(codePointsOf(word));
      expect(run.glyphs.every((g) => g.codePoints.length > 0)).toBe(true);
      expect(run.positions.every((p) => p.xOffset === 0 && p.yOffset === 0)).toBe(true);
    }
  });

  it('gives letters that share a skeleton different PDF glyph ids (so copied text says ق, not ف)', () => {
    const fa = layoutLikeReactPdf(naskh, 'فم').glyphs[0]!;
    const qaf = layoutLikeReactPdf(naskh, 'قم').glyphs[0]!;
    expect(fa.codePoints).toEqual([0x641]);
    expect(qaf.codePoints).toEqual([0x642]);
    expect(fa.id).not.toBe(qaf.id);
  });

  it('keeps every character of any Arabic text, in order, with no offsets left for react-pdf to misapply', () => {
    const letters = Array.from('ابتثجحخدذرزسشصضطظعغفقكلمنهوىيةءأإآؤئ ًٌٍَُِّْ');
    fc.assert(fc.property(fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 24 }), (chars) => {
      const text = chars.join('');
      const run = layoutLikeReactPdf(naskh, text);
      expect(logicalText(run, text)).toEqual(codePointsOf(text));
      expect(run.positions.every((p) => p.xOffset === 0 && p.yOffset === 0)).toBe(true);
    }), { numRuns: 150 });
  });

  it('lists the characters of a right-to-left glyph backwards, so a viewer reversing the line gets them in order', () => {
    const run = layoutLikeReactPdf(naskh, 'اً');
    expect(run.glyphs).toHaveLength(1);
    expect(run.glyphs[0]!.codePoints).toEqual([0x64b, 0x627]);
  });

  it('writes merged glyphs into the subset as real outlines: skeleton and dots together', async () => {
    const shaped = plain.layout('خ', undefined, undefined, undefined, 'rtl').glyphs;
    expect(shaped.length).toBeGreaterThan(1); // Noto Naskh draws خ as a skeleton and a dot
    const merged = layoutLikeReactPdf(naskh, 'خ').glyphs;
    expect(merged).toHaveLength(1);
    const subset = naskh.createSubset() as unknown as { includeGlyph(id: number): number; encode(): Uint8Array };
    const gid = subset.includeGlyph(merged[0]!.id);
    const bytes = Buffer.from(subset.encode());
    const reread = await openFont(`data:font/ttf;base64,${bytes.toString('base64')}`);
    expect(contours([reread.getGlyph(gid) as unknown as OutlineGlyph])).toBe(contours(shaped));
  });

  it('leaves left-to-right text with no marks as fontkit shaped it', () => {
    const before = plain.layout('INV-2026 12.500', undefined, undefined, undefined, 'ltr');
    const after = layoutLikeReactPdf(naskh, 'INV-2026 12.500');
    expect(after.glyphs.map((g) => g.id)).toEqual(before.glyphs.map((g) => g.id));
    expect(after.positions.map((p) => p.xAdvance)).toEqual(before.positions.map((p) => p.xAdvance));
  });
});

describe('adaptFontShaping with Noto Sans', () => {
  it('keeps a decomposed Latin accent on its letter', async () => {
    const sans = await adapted(SANS);
    const run = layoutLikeReactPdf(sans, 'Re\u0301capitulatif');
    expect(run.glyphs.flatMap((g) => g.codePoints)).toEqual(codePointsOf('Re\u0301capitulatif'));
    expect(run.positions.every((p) => p.xOffset === 0 && p.yOffset === 0)).toBe(true);
  });
});

describe('containsRightToLeftLetters', () => {
  it('tells Arabic letters from digits and punctuation', () => {
    expect(containsRightToLeftLetters('رقم 12')).toBe(true);
    expect(containsRightToLeftLetters('12.500 ، ٣')).toBe(false);
    expect(containsRightToLeftLetters('KWD')).toBe(false);
  });
});
