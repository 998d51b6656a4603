// Waiting for something to happen without betting on how fast the machine is. A test polls for the condition it
// needs; the bound only turns a condition that never comes into a failure with a name, and is far above what a
// loaded machine needs (CI shares two cores with other work), yet below vitest's ten-minute hang limit
// (vitest.config.ts). No test asserts on how long something took.

/** The longest a test waits for one condition, and the limit given to timeouts inside test set-ups. */
export const WAIT_BOUND_MS = 5 * 60_000;

/** Polls `probe` until it answers something other than undefined (or false), and returns that. */
export async function waitUntil<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  options: { intervalMs?: number; boundMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.boundMs ?? WAIT_BOUND_MS);
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
  }
}

/** Retries `check` (which throws, e.g. an expect, until it holds) and returns its result; its last failure if never. */
export async function eventually<T>(check: () => Promise<T> | T, options: { intervalMs?: number; boundMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (options.boundMs ?? WAIT_BOUND_MS);
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 25));
    }
  }
}
