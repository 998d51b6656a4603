// When to try a failed message again: exponential backoff with jitter, so a thousand messages that failed together
// (the SMS centre went down) do not all come back in the same second.

/** Longest wait between two attempts. */
export const MAX_RETRY_DELAY_MS = 60 * 60 * 1000;

/**
 * Delay before attempt `attempt + 1`: base × 2^(attempt − 1), capped, then "equal jitter": half fixed, half
 * random, so the wait grows but never collapses to zero.
 */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(MAX_RETRY_DELAY_MS, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}
