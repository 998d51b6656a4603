import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors/app-error.js';
import { flatText } from './poppler.js';
import { createRenderPool } from './render.js';
import { compilerStartedInThisThread, type TypstJob } from './typst-engine.js';

const job: TypstJob = { template: 'shared/pdf/typst/line.typ', data: { lang: 'ar', text: 'فاتورة رقم EB-1 بمبلغ 12.500 د.ك' } };

describe('the render pool', () => {
  const pools: ReturnType<typeof createRenderPool>[] = [];
  afterAll(() => Promise.all(pools.map((pool) => pool.close())));

  it('renders on a worker thread, not on the caller\'s', async () => {
    const pool = createRenderPool({ threads: 1 });
    pools.push(pool);
    const pdf = await pool.render(job);
    expect(await flatText(pdf, { raw: true })).toContain('فاتورة رقم EB-1 بمبلغ 12.500 د.ك');
    // The compiler (fonts, caches) lives in the worker: this thread never started one.
    expect(compilerStartedInThisThread()).toBe(false);
    expect(pool.stats().completed).toBe(1);
  });

  it('refuses work beyond its queue with pdf_render_busy, and finishes what it took', async () => {
    const pool = createRenderPool({ threads: 1, maxQueue: 2 });
    pools.push(pool);
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => pool.render(job)));
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused.length).toBeGreaterThanOrEqual(7);
    for (const o of refused) expect(o.reason).toSatisfy((e: unknown) => e instanceof AppError && e.code === 'pdf_render_busy');
    for (const o of outcomes) if (o.status === 'fulfilled') expect(o.value.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('reports a template that does not compile', async () => {
    const pool = createRenderPool({ threads: 1 });
    pools.push(pool);
    await expect(pool.render({ template: 'shared/pdf/typst/missing.typ', data: {} })).rejects.toThrow(/typst could not compile/);
  });
});
