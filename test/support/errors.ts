// What the tests ask of a refused call: that it failed with an AppError, and which code.
import { expect } from 'vitest';
import { AppError } from '../../src/platform/errors/app-error.js';

/** The AppError code `work` was refused with (the test fails if it succeeded or failed otherwise). */
export async function refusalCode(work: Promise<unknown>): Promise<string> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}
