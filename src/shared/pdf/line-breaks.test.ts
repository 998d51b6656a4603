import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { breakAtSeparators } from './line-breaks.js';

const monospace = (text: string) => text.length * 4;

describe('breakAtSeparators', () => {
  it('breaks a URL after its own separators', () => {
    const lines = breakAtSeparators('https://tasdeed.example.kw/pay/bill_01JDX4Q8K2M7T9', 20 * 4, monospace);
    expect(lines).toEqual(['https://tasdeed.', 'example.kw/pay/bill_', '01JDX4Q8K2M7T9']);
  });

  it('keeps a URL that fits on one line', () => {
    expect(breakAtSeparators('https://a.kw/p', 100, monospace)).toEqual(['https://a.kw/p']);
  });

  it('never loses or adds a character, and never exceeds the width by more than one character', () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 120 }), fc.integer({ min: 1, max: 40 }), (text, columns) => {
      const lines = breakAtSeparators(text, columns * 4, monospace);
      expect(lines.join('')).toBe(text);
      for (const line of lines) expect(line.length <= columns || line.length === 1).toBe(true);
    }));
  });
});
