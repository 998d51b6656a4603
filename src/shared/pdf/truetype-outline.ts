// Writes a TrueType simple glyph ('glyf' table entry) from a quadratic outline, for the merged glyphs of
// font-shaping.ts. fontkit has an encoder for this (TTFGlyphEncoder) but in fontkit 2.0.4 it passes a length where
// restructure expects a buffer and throws, so we write the few bytes ourselves: every point explicit, coordinates
// as 16-bit deltas, no hinting instructions (PDF viewers rasterise unhinted anyway).

export interface OutlineCommand {
  command: string;
  args: number[];
}

interface Point {
  x: number;
  y: number;
  onCurve: boolean;
}

const ON_CURVE = 0x01;

/** Splits path commands into TrueType contours of on- and off-curve points. */
export function contoursOf(commands: OutlineCommand[]): Point[][] {
  const contours: Point[][] = [];
  let current: Point[] = [];
  const close = () => {
    if (current.length === 0) return;
    const first = current[0]!;
    const last = current[current.length - 1]!;
    // A contour that returns to its start by a segment repeats the start point; TrueType closes implicitly.
    if (current.length > 1 && last.onCurve && last.x === first.x && last.y === first.y) current.pop();
    contours.push(current);
    current = [];
  };
  for (let i = 0; i < commands.length; i += 1) {
    const { command, args } = commands[i]!;
    switch (command) {
      case 'moveTo':
        close();
        current.push({ x: args[0]!, y: args[1]!, onCurve: true });
        break;
      case 'lineTo':
        current.push({ x: args[0]!, y: args[1]!, onCurve: true });
        break;
      case 'quadraticCurveTo': {
        const [cx, cy, x, y] = args as [number, number, number, number];
        current.push({ x: cx, y: cy, onCurve: false });
        // fontkit inserts the implied on-curve point between two off-curve points; leave it implied again.
        const next = commands[i + 1];
        const implied = next?.command === 'quadraticCurveTo' && x === (cx + next.args[0]!) / 2 && y === (cy + next.args[1]!) / 2;
        if (!implied) current.push({ x, y, onCurve: true });
        break;
      }
      case 'closePath':
        close();
        break;
      default:
        throw new Error(`a TrueType outline has no ${command} segments`);
    }
  }
  close();
  return contours;
}

/** Encodes contours as a simple glyph, padded to 4 bytes. Coordinates are rounded to font units. */
export function encodeSimpleGlyph(commands: OutlineCommand[]): { bytes: Uint8Array; xMin: number } {
  const contours = contoursOf(commands).filter((contour) => contour.length > 0);
  if (contours.length === 0) return { bytes: new Uint8Array(0), xMin: 0 };
  const points = contours.flat().map((p) => ({ x: Math.round(p.x), y: Math.round(p.y), onCurve: p.onCurve }));
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const box = { xMin: Math.min(...xs), yMin: Math.min(...ys), xMax: Math.max(...xs), yMax: Math.max(...ys) };

  const size = 10 + 2 * contours.length + 2 + points.length * 5;
  const bytes = new Uint8Array(size + ((4 - (size % 4)) % 4));
  const view = new DataView(bytes.buffer);
  let at = 0;
  const int16 = (value: number) => {
    if (value < -32768 || value > 32767) throw new RangeError(`glyph coordinate ${value} does not fit 16 bits`);
    view.setInt16(at, value);
    at += 2;
  };
  int16(contours.length);
  int16(box.xMin);
  int16(box.yMin);
  int16(box.xMax);
  int16(box.yMax);
  let end = -1;
  for (const contour of contours) {
    end += contour.length;
    view.setUint16(at, end);
    at += 2;
  }
  view.setUint16(at, 0); // no instructions
  at += 2;
  for (const point of points) bytes[at++] = point.onCurve ? ON_CURVE : 0;
  let last = 0;
  for (const point of points) {
    int16(point.x - last);
    last = point.x;
  }
  last = 0;
  for (const point of points) {
    int16(point.y - last);
    last = point.y;
  }
  return { bytes, xMin: box.xMin };
}
