import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stopInTurn } from './bounded-stop.js';

beforeEach(() => { vi.useFakeTimers(); });
afterEach(() => { vi.useRealTimers(); });

describe('stopping a process part by part', () => {
  it('waits for each part in order and reports a clean stop', async () => {
    const order: string[] = [];
    const slow = (name: string, ms: number) => ({ name, stop: () => new Promise<void>((resolve) => setTimeout(() => { order.push(name); resolve(); }, ms)) });
    const lines: string[] = [];
    const stopping = stopInTurn([slow('http', 500), slow('workers', 2_000), slow('database', 10)], 5_000, (l) => lines.push(l));
    await vi.advanceTimersByTimeAsync(3_000);
    expect(await stopping).toEqual({ unfinished: [] });
    expect(order).toEqual(['http', 'workers', 'database']);
    expect(lines).toEqual([]);
  });

  it('names a part that never ends, and still stops the parts after it', async () => {
    const stopped: string[] = [];
    const lines: string[] = [];
    const stopping = stopInTurn([
      { name: 'worker notifications', stop: () => new Promise(() => undefined) },
      { name: 'worker broken', stop: () => Promise.reject(new Error('already closed')) },
      { name: 'database', stop: async () => { stopped.push('database'); } },
    ], 30_000, (l) => lines.push(l));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(await stopping).toEqual({ unfinished: ['worker notifications'] });
    expect(stopped).toEqual(['database']);
    expect(lines).toEqual(['stop: worker notifications did not end within 30 s; going on without it']);
  });
});
