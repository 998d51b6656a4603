// PostgreSQL's SQLSTATE of an error, looked for through what wraps it (Drizzle wraps the driver's error in `cause`),
// on node-postgres and PGlite alike.
export function hasSqlState(error: unknown, code: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}

export const UNIQUE_VIOLATION = '23505';
export const DEADLOCK_DETECTED = '40P01';
