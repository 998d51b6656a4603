// Operators throttle a bind to so many submit_sm a second and answer ESME_RTHROTTLED beyond it. A sliding window
// (never more than N submits in any window of N/rate seconds) keeps us under the limit even after a stall, where
// a token bucket would let a burst out.

/** Time as the limiter sees it; tests pass a hand-moved clock so nothing depends on real timing. */
export interface LimiterTimer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: LimiterTimer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class SlidingWindowLimiter {
  /** How many sends a window holds, and how long the window is: 2.5/s → 3 per 1.2 s, 0.5/s → 1 per 2 s. */
  readonly perWindow: number;
  readonly windowMs: number;
  private readonly recent: number[] = [];
  private pausedUntil = 0;

  constructor(messagesPerSecond: number, private readonly timer: LimiterTimer = realTimer) {
    if (!(messagesPerSecond > 0) || !Number.isFinite(messagesPerSecond)) throw new RangeError('messagesPerSecond must be a positive number');
    this.perWindow = Math.max(1, Math.round(messagesPerSecond));
    this.windowMs = Math.round((this.perWindow / messagesPerSecond) * 1000);
  }

  /** Milliseconds until the next send is allowed; 0 when it may go now. */
  delayBeforeNext(): number {
    const now = this.timer.now();
    let delay = Math.max(0, this.pausedUntil - now);
    if (this.recent.length >= this.perWindow) {
      const oldest = this.recent[this.recent.length - this.perWindow]!;
      delay = Math.max(delay, oldest + this.windowMs - now);
    }
    return delay;
  }

  /** Resolves when a send is allowed. Does not take the slot: call `record()` when the send really goes out. */
  async waitForSlot(): Promise<void> {
    for (let delay = this.delayBeforeNext(); delay > 0; delay = this.delayBeforeNext()) await this.timer.sleep(delay);
  }

  record(): void {
    this.recent.push(this.timer.now());
    if (this.recent.length > this.perWindow) this.recent.splice(0, this.recent.length - this.perWindow);
  }

  /** Holds every send for a while: the SMS centre said we are too fast. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.timer.now() + ms);
  }
}
