// Repairs to how @react-pdf/renderer 4.9 draws shaped text, applied to the font objects we register (never to
// fontkit or react-pdf globally). Each was found by rendering Noto Naskh Arabic, rasterising the page and looking.
//
// Noto Naskh draws a dotted letter as a dotless skeleton plus a dot glyph placed by GPOS anchors (ت = ٮ + two
// dots). Three things go wrong with that in react-pdf:
//
// 1. Right-to-left runs are laid out by fontkit as 'ltr' and then reversed by react-pdf, so mark anchors are
//    computed for the wrong order. We lay those runs out as 'rtl' and hand them back in logical order; react-pdf's
//    own reversal then restores fontkit's visual order.
// 2. react-pdf scales glyph x/y offsets twice (by fontSize/1000 once too often), so every anchored mark is drawn at
//    the pen position: dots beside the letter, not on it. The same bug moves Latin accents.
// 3. When react-pdf slices a run at a line or run start, it keeps only the last glyph of the first character's
//    group: a line starting with تاريخ showed the dots of ت but not ت (diegomura/react-pdf#3555).
//
// We cure 2 and 3 by never handing react-pdf a mark at all: each base glyph and the marks attached to it become one
// glyph, a "cluster", whose outline is the members' outlines merged at their shaped positions. The font subset
// writes that outline as a new glyph; react-pdf sees one glyph with zero offsets and one advance.
//
// 4. Copy, search and screen readers got the wrong letters ("رفم" for "رقم"): a PDF maps each embedded glyph to
//    text once (ToUnicode), fontkit caches one glyph object per id with the characters of its first use, and the
//    skeletons are shared (ف ق, ر ز, ج ح خ). Every glyph we hand out carries the characters of its own use, and a
//    glyph needed for other characters than the first gets its own id in the subset, so each maps to its own text.
//    (A right-to-left glyph standing for several characters lists them backwards: see textOrder.)

import { encodeSimpleGlyph, type OutlineCommand } from './truetype-outline.js';

export interface FontkitGlyph {
  id: number;
  codePoints: number[];
  isMark: boolean;
  isLigature: boolean;
  advanceWidth: number;
  path: FontkitPath;
}

export interface FontkitPath {
  commands: OutlineCommand[];
  translate(x: number, y: number): FontkitPath;
}

export interface FontkitPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

export interface FontkitGlyphRun {
  glyphs: FontkitGlyph[];
  positions: FontkitPosition[];
}

interface FontkitTtfSubset {
  glyphs: number[];
  mapping: Record<number, number>;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  includeGlyph(glyph: number | FontkitGlyph): number;
  _addGlyph(gid: number): number;
}

/** The fontkit TTF font methods we wrap. */
export interface FontkitFont {
  layout(text: string, features?: unknown, script?: string, language?: string, direction?: string): FontkitGlyphRun;
  getGlyph(id: number, codePoints?: number[]): FontkitGlyph | null;
  createSubset(): FontkitTtfSubset;
}

// fontkit glyph ids are 16-bit; ours live above them and never reach fontkit's own tables.
const VARIANT_ID_BASE = 0x10000;
const ADAPTED = Symbol('tasdeed.fontShaping');

// Letters of the right-to-left scripts. Their digits, punctuation and vowel marks are weak or neutral for the bidi
// algorithm and never make a run right-to-left on their own.
const STRONG_RTL = /(?=\p{L})[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const MARK = /^\p{M}$/u;

export function containsRightToLeftLetters(text: string): boolean {
  return STRONG_RTL.test(text);
}

/** A glyph of ours: either an existing glyph under another id (other characters), or merged members. */
interface Variant {
  glyph: FontkitGlyph;
  aliasOf?: number;
  members?: { id: number; dx: number; dy: number }[];
}

/** Applies the repairs to one loaded fontkit font object. Idempotent. */
export function adaptFontShaping(font: FontkitFont): void {
  const target = font as FontkitFont & { [ADAPTED]?: true };
  if (target[ADAPTED]) return;
  target[ADAPTED] = true;

  const originalLayout = font.layout.bind(font);
  const originalGetGlyph = font.getGlyph.bind(font);
  const originalCreateSubset = font.createSubset.bind(font);

  const useCopies = new Map<string, FontkitGlyph>();
  const variantsByKey = new Map<string, Variant>();
  const variantsById = new Map<number, Variant>();
  // The characters each real glyph id stands for in the PDF: those of its first emitted use.
  const textOfRealId = new Map<number, string>();

  // fontkit asks for glyphs with the characters they stand for in this run; its cache would return the glyph object
  // of the first use. Return a copy that carries this use's characters (and keeps the real id and metrics).
  font.getGlyph = (id, codePoints = []) => {
    if (id >= VARIANT_ID_BASE) return variantsById.get(id)?.glyph ?? null;
    const base = originalGetGlyph(id, codePoints);
    if (!base || sameNumbers(base.codePoints, codePoints)) return base;
    const key = `${id}:${codePoints.join(',')}`;
    let copy = useCopies.get(key);
    if (!copy) {
      copy = Object.create(base, {
        codePoints: { value: [...codePoints], enumerable: true },
        // fontkit's own rule: a glyph is a mark when it stands for characters and all of them are marks.
        isMark: { value: codePoints.length > 0 && codePoints.every((c) => MARK.test(String.fromCodePoint(c))), enumerable: true },
        isLigature: { value: codePoints.length > 1, enumerable: true },
      }) as FontkitGlyph;
      useCopies.set(key, copy);
    }
    return copy;
  };

  font.layout = (text, features, script, language, direction) => {
    const rightToLeft = containsRightToLeftLetters(text);
    const run = originalLayout(text, features, script, language, rightToLeft ? 'rtl' : direction);
    const merged = mergeClusters(run.glyphs, run.positions, rightToLeft, glyphFor);
    // fontkit returned visual order; react-pdf wants logical order and reverses right-to-left runs itself.
    if (rightToLeft) {
      merged.glyphs.reverse();
      merged.positions.reverse();
    }
    run.glyphs = merged.glyphs;
    run.positions = merged.positions;
    return run;
  };

  /** The glyph to emit for a cluster: the real glyph when it can stand for these characters, else a variant. */
  function glyphFor(cluster: Cluster): FontkitGlyph {
    const codePoints = textOrder(cluster);
    const text = codePoints.join(',');
    const single = cluster.members.length === 1 && cluster.members[0]!.dx === 0 && cluster.members[0]!.dy === 0;
    if (single) {
      const glyph = cluster.glyphs[0]!;
      const realText = textOfRealId.get(glyph.id);
      if (realText === undefined && sameNumbers(glyph.codePoints, codePoints)) textOfRealId.set(glyph.id, text);
      if (textOfRealId.get(glyph.id) === text) return glyph;
      return variant(`alias:${glyph.id}:${text}`, glyph, cluster, codePoints, { aliasOf: glyph.id });
    }
    const layout = cluster.members.map((m) => `${m.id}@${m.dx},${m.dy}`).join(' ');
    return variant(`merge:${layout}:${cluster.advance}:${text}`, cluster.glyphs[0]!, cluster, codePoints, { members: cluster.members });
  }

  function variant(key: string, base: FontkitGlyph, cluster: Cluster, codePoints: number[], kind: Omit<Variant, 'glyph'>): FontkitGlyph {
    let found = variantsByKey.get(key);
    if (!found) {
      const id = VARIANT_ID_BASE + variantsByKey.size;
      const glyph = Object.create(base, {
        id: { value: id, enumerable: true },
        codePoints: { value: codePoints, enumerable: true },
        isMark: { value: false, enumerable: true },
        isLigature: { value: codePoints.length > 1, enumerable: true },
        advanceWidth: { value: kind.members ? cluster.advance : base.advanceWidth, enumerable: true },
      }) as FontkitGlyph;
      found = { glyph, ...kind };
      variantsByKey.set(key, found);
      variantsById.set(id, found);
    }
    return found.glyph;
  }

  font.createSubset = () => {
    const subset = originalCreateSubset();
    const includeGlyph = subset.includeGlyph.bind(subset);
    const addGlyph = subset._addGlyph.bind(subset);
    subset.includeGlyph = (glyph) => {
      const id = typeof glyph === 'object' ? glyph.id : glyph;
      if (id < VARIANT_ID_BASE) return includeGlyph(id);
      if (subset.mapping[id] == null) {
        subset.glyphs.push(id);
        subset.mapping[id] = subset.glyphs.length - 1;
      }
      return subset.mapping[id];
    };
    subset._addGlyph = (gid) => {
      const found = gid >= VARIANT_ID_BASE ? variantsById.get(gid) : undefined;
      if (!found) return addGlyph(gid);
      if (found.aliasOf !== undefined) return addGlyph(found.aliasOf);
      return addMergedGlyph(subset, found);
    };
    return subset;
  };

  function addMergedGlyph(subset: FontkitTtfSubset, found: Variant): number {
    const commands = (found.members ?? []).flatMap((member) => originalGetGlyph(member.id)!.path.translate(member.dx, member.dy).commands);
    const { bytes, xMin } = encodeSimpleGlyph(commands);
    // The same bookkeeping as fontkit's TTFSubset._addGlyph.
    subset.glyf.push(bytes);
    subset.loca.offsets.push(subset.offset);
    subset.hmtx.metrics.push({ advance: found.glyph.advanceWidth, bearing: xMin });
    subset.offset += bytes.length;
    return subset.glyf.length - 1;
  }

}

export interface Cluster {
  glyphs: FontkitGlyph[];
  rightToLeft: boolean;
  codePoints: number[];
  /** Members' real glyph ids and their offsets from the cluster's pen position, in font units. */
  members: { id: number; dx: number; dy: number }[];
  advance: number;
  yAdvance: number;
}

/**
 * Groups a shaped run (visual order) into clusters: a glyph that stands for characters, followed in logical order
 * by the glyphs attached to it (marks, and the dots that carry no characters of their own). Returns one glyph and
 * one offset-free position per cluster, in visual order.
 */
export function mergeClusters(
  glyphs: FontkitGlyph[],
  positions: FontkitPosition[],
  rightToLeft: boolean,
  emit: (cluster: Cluster) => FontkitGlyph,
): FontkitGlyphRun {
  const count = glyphs.length;
  const penX: number[] = [0];
  const penY: number[] = [0];
  for (let i = 0; i < count; i += 1) {
    penX.push(penX[i]! + positions[i]!.xAdvance);
    penY.push(penY[i]! + positions[i]!.yAdvance);
  }
  const visual = (logical: number): number => (rightToLeft ? count - 1 - logical : logical);

  // Logical clusters as lists of visual indices.
  const groups: number[][] = [];
  for (let logical = 0; logical < count; logical += 1) {
    const index = visual(logical);
    const glyph = glyphs[index]!;
    const attached = groups.length > 0 && (glyph.codePoints.length === 0 || glyph.isMark);
    if (attached) groups[groups.length - 1]!.push(index);
    else groups.push([index]);
  }
  // Emit in visual order: for right-to-left runs the last logical cluster is leftmost.
  if (rightToLeft) groups.reverse();

  const out: FontkitGlyphRun = { glyphs: [], positions: [] };
  for (const group of groups) {
    const start = Math.min(...group);
    const end = Math.max(...group);
    const members = group.map((index) => ({
      id: glyphs[index]!.id,
      dx: Math.round(penX[index]! + positions[index]!.xOffset - penX[start]!),
      dy: Math.round(penY[index]! + positions[index]!.yOffset - penY[start]!),
    }));
    const cluster: Cluster = {
      glyphs: group.map((index) => glyphs[index]!),
      rightToLeft,
      codePoints: group.flatMap((index) => glyphs[index]!.codePoints),
      members,
      advance: penX[end + 1]! - penX[start]!,
      yAdvance: penY[end + 1]! - penY[start]!,
    };
    out.glyphs.push(emit(cluster));
    out.positions.push({ xAdvance: cluster.advance, yAdvance: cluster.yAdvance, xOffset: 0, yOffset: 0 });
  }
  return out;
}

/**
 * The characters a glyph stands for, in the order the PDF's ToUnicode table should list them. A viewer extracting
 * a right-to-left line reads the glyphs in drawing order and reverses the result, character by character; poppler
 * (pdftotext, Evince) and pdf.js both do, and so turn a glyph mapped to "اً" into "ًا". For right-to-left clusters
 * of several characters we therefore list them backwards, and the reader's reversal restores them. (textkit reads
 * only the number of characters from a glyph, and never splits a cluster, so the order is ours to choose.)
 */
function textOrder(cluster: Cluster): number[] {
  return cluster.rightToLeft && cluster.codePoints.length > 1 ? [...cluster.codePoints].reverse() : cluster.codePoints;
}

function sameNumbers(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
