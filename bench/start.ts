// `npm run bench -- start [--runs 3]`: how long a person waits, after the first time, from `npm start` until the
// portal answers. The first start (not the figure) builds the portal if its sources changed and seeds the demo data
// into a fresh data directory; each later start, with the build and the data already there, is timed from spawning
// `npm start` until `GET /` answers 200. Target: under 15 s on this project's 2-core machine.
// loadAverage1m is printed because a wall-clock figure only means something beside how busy the machine was.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { median, npmStart } from './_npm-start.js';

const TARGET_SECONDS = 15;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

export async function run(args: string[]): Promise<void> {
  const runs = Number(option(args, 'runs', '3'));
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number ≥ 1');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tasdeed-bench-start-'));
  try {
    const first = await npmStart(dataDir);
    await first.stop();
    const later: number[] = [];
    let rebuiltAgain = false;
    for (let i = 0; i < runs; i++) {
      const start = await npmStart(dataDir);
      later.push(start.secondsToPortal);
      rebuiltAgain ||= start.rebuilt;
      await start.stop();
    }
    console.log(JSON.stringify({
      scenario: 'start',
      secondStartSeconds: { median: round(median(later)), worst: round(Math.max(...later)) },
      targetSeconds: TARGET_SECONDS,
      met: Math.max(...later) < TARGET_SECONDS,
      firstStartSeconds: round(first.secondsToPortal),
      firstStartRebuiltPortal: first.rebuilt,
      laterStartRebuiltPortal: rebuiltAgain,
      runs,
      loadAverage1m: round(loadavg()[0]!),
    }));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
