import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import { startPeriodicJob } from './jobs.js';

function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({ write(chunk: Buffer, _enc, done) { lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>); done(); } });
  return { logger: pino({ level: 'info' }, stream), lines };
}

// Intervals far beyond the test's life: every pass here is started by runNow(), so nothing depends on a clock.
const NEVER = 24 * 3_600_000;

describe('a periodic job', () => {
  it('never overlaps itself: a pass asked for while one runs joins it', async () => {
    let release!: () => void;
    let passes = 0;
    const { logger } = memoryLogger();
    const job = startPeriodicJob({ name: 'slow', firstRunAfterMs: NEVER, everyMs: NEVER, run: () => { passes++; return new Promise<void>((r) => { release = r; }); } }, logger);
    const first = job.runNow();
    const second = job.runNow();
    release();
    await Promise.all([first, second]);
    expect(passes).toBe(1);
    await job.stop();
  });

  it('logs a failed pass with its name, and the next pass runs', async () => {
    let passes = 0;
    const { logger, lines } = memoryLogger();
    const job = startPeriodicJob({ name: 'flaky', firstRunAfterMs: NEVER, everyMs: NEVER, run: async () => { passes++; if (passes === 1) throw new Error('database away'); } }, logger);
    await job.runNow();
    await job.runNow();
    await job.stop();
    expect(passes).toBe(2);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 50, job: 'flaky', err: { message: 'database away' } });
  });

  it('stops by aborting the pass in flight and waiting for it to end', async () => {
    let sawAbort = false;
    const { logger } = memoryLogger();
    const job = startPeriodicJob({
      name: 'long', firstRunAfterMs: NEVER, everyMs: NEVER,
      run: (signal) => new Promise<void>((resolve) => signal.addEventListener('abort', () => { sawAbort = true; resolve(); })),
    }, logger);
    void job.runNow();
    await job.stop();
    expect(sawAbort).toBe(true);
    await job.runNow(); // after stop: nothing runs
  });
});
