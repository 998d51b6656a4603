import { describe, expect, it } from 'vitest';
import { barHeights } from './chart.js';

describe('barHeights', () => {
  it('scales bars to the largest quantity and keeps a small one visible', () => {
    const heights = barHeights([{ period: '2026-09', quantity: 8_000 }, { period: '2026-10', quantity: 4_000 }, { period: '2026-11', quantity: 10 }], 80);
    expect(heights[0]).toBe(80);
    expect(heights[1]).toBe(40);
    expect(heights[2]).toBe(0.75);
  });

  it('draws nothing for zero, negative or all-zero history', () => {
    expect(barHeights([{ period: '2026-10', quantity: 0 }, { period: '2026-11', quantity: -5 }], 80)).toEqual([0, 0]);
    expect(barHeights([], 80)).toEqual([]);
  });
});
