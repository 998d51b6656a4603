import { describe, expect, it } from 'vitest';
import { SlidingWindowLimiter, type LimiterTimer } from './sms.throttle.js';

/** A clock only the test moves: `sleep` records how long the limiter asked to wait and returns at once. */
function manualTimer(): LimiterTimer & { advance(ms: number): void; sleeps: number[] } {
  let now = 0;
  const sleeps: number[] = [];
  return { now: () => now, sleep: async (ms) => { sleeps.push(ms); }, advance: (ms) => { now += ms; }, sleeps };
}

describe('SlidingWindowLimiter', () => {
  it('lets N sends through in any window of one second, then asks to wait for the oldest to age out', () => {
    const timer = manualTimer();
    const limiter = new SlidingWindowLimiter(3, timer);
    for (let i = 0; i < 3; i++) {
      expect(limiter.delayBeforeNext()).toBe(0);
      limiter.record();
      timer.advance(100);
    }
    expect(limiter.delayBeforeNext()).toBe(700); // first send at 0, now 300: free at 1000
    timer.advance(700);
    expect(limiter.delayBeforeNext()).toBe(0);
    limiter.record();
    expect(limiter.delayBeforeNext()).toBe(100); // second send (at 100) leaves the window at 1100
  });

  it('does not let a burst out after a stall (unlike a token bucket)', () => {
    const timer = manualTimer();
    const limiter = new SlidingWindowLimiter(2, timer);
    timer.advance(60_000);
    let allowed = 0;
    while (limiter.delayBeforeNext() === 0 && allowed < 10) {
      limiter.record();
      allowed++;
    }
    expect(allowed).toBe(2);
  });

  it('spreads fractional rates over a longer window', () => {
    expect(new SlidingWindowLimiter(0.5)).toMatchObject({ perWindow: 1, windowMs: 2000 });
    expect(new SlidingWindowLimiter(2.5)).toMatchObject({ perWindow: 3, windowMs: 1200 });
    expect(() => new SlidingWindowLimiter(0)).toThrow(RangeError);
  });

  it('waits while paused after the SMS centre said we are too fast', async () => {
    const timer = manualTimer();
    const limiter = new SlidingWindowLimiter(100, timer);
    limiter.pauseFor(1000);
    const waiting = limiter.waitForSlot();
    // the manual sleep returns at once without moving time, so move it as the sleep is requested
    timer.advance(1000);
    await waiting;
    expect(timer.sleeps[0]).toBe(1000);
    expect(limiter.delayBeforeNext()).toBe(0);
  });
});
