// Who holds a lease: `host:pid:random`, so a lease left by a process that died on this machine can be recognised
// and taken over at once instead of waiting for it to run out (leases held elsewhere always wait).
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';

/** A fresh holder name for this process: `host:pid:random`. */
export function processOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/** The holder itself when it is a process of this machine that no longer exists; null otherwise. */
export function deadLocalHolder(holder: string | null | undefined): string | null {
  if (!holder) return null;
  const [host, pid] = holder.split(':');
  if (host !== hostname() || !pid || Number(pid) === process.pid) return null;
  try {
    process.kill(Number(pid), 0);
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH' ? holder : null;
  }
}
