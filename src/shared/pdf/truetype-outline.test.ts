import { describe, expect, it } from 'vitest';
import { contoursOf, encodeSimpleGlyph, type OutlineCommand } from './truetype-outline.js';

/** Reads back what encodeSimpleGlyph wrote (the subset of the 'glyf' format it uses). */
function decode(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const contours = view.getInt16(0);
  const box = [view.getInt16(2), view.getInt16(4), view.getInt16(6), view.getInt16(8)];
  const ends: number[] = [];
  for (let i = 0; i < contours; i += 1) ends.push(view.getUint16(10 + 2 * i));
  let at = 10 + 2 * contours;
  const instructions = view.getUint16(at);
  at += 2 + instructions;
  const count = ends[ends.length - 1]! + 1;
  const flags = Array.from(bytes.subarray(at, at + count));
  at += count;
  const points: { x: number; y: number; onCurve: boolean }[] = [];
  let x = 0;
  for (let i = 0; i < count; i += 1, at += 2) {
    x += view.getInt16(at);
    points.push({ x, y: 0, onCurve: (flags[i]! & 1) === 1 });
  }
  let y = 0;
  for (let i = 0; i < count; i += 1, at += 2) {
    y += view.getInt16(at);
    points[i]!.y = y;
  }
  return { contours, box, ends, points };
}

const square: OutlineCommand[] = [
  { command: 'moveTo', args: [0, 0] },
  { command: 'lineTo', args: [100, 0] },
  { command: 'lineTo', args: [100, 100] },
  { command: 'lineTo', args: [0, 100] },
  { command: 'closePath', args: [] },
];

describe('encodeSimpleGlyph', () => {
  it('writes contours, end points, on-curve flags and coordinates that read back the same', () => {
    const curve: OutlineCommand[] = [
      { command: 'moveTo', args: [200, 0] },
      { command: 'quadraticCurveTo', args: [250, 80, 300, 0] },
      { command: 'closePath', args: [] },
    ];
    const { bytes, xMin } = encodeSimpleGlyph([...square, ...curve]);
    expect(bytes.length % 4).toBe(0);
    const glyph = decode(bytes);
    expect(glyph.contours).toBe(2);
    expect(glyph.box).toEqual([0, 0, 300, 100]);
    expect(xMin).toBe(0);
    expect(glyph.ends).toEqual([3, 6]);
    expect(glyph.points).toEqual([
      { x: 0, y: 0, onCurve: true }, { x: 100, y: 0, onCurve: true }, { x: 100, y: 100, onCurve: true }, { x: 0, y: 100, onCurve: true },
      { x: 200, y: 0, onCurve: true }, { x: 250, y: 80, onCurve: false }, { x: 300, y: 0, onCurve: true },
    ]);
  });

  it('leaves out the on-curve point fontkit implied between two control points', () => {
    const commands: OutlineCommand[] = [
      { command: 'moveTo', args: [0, 0] },
      { command: 'quadraticCurveTo', args: [10, 20, 15, 20] },
      { command: 'quadraticCurveTo', args: [20, 20, 30, 0] },
      { command: 'closePath', args: [] },
    ];
    expect(contoursOf(commands)[0]!.map((p) => p.onCurve)).toEqual([true, false, false, true]);
  });

  it('drops a closing point that repeats the start, and refuses cubic curves', () => {
    expect(contoursOf([...square.slice(0, 4), { command: 'lineTo', args: [0, 0] }, { command: 'closePath', args: [] }])[0]).toHaveLength(4);
    expect(() => contoursOf([{ command: 'moveTo', args: [0, 0] }, { command: 'bezierCurveTo', args: [1, 1, 2, 2, 3, 3] }])).toThrow(/bezierCurveTo/);
  });

  it('writes an empty glyph for an empty outline', () => {
    expect(encodeSimpleGlyph([]).bytes.length).toBe(0);
  });
});
