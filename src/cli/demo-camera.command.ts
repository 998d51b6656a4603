// `tasdeed demo camera --rate 5`: behaves like a traffic-camera network. It signs each report with the demo
// camera's HMAC key and POSTs it to a running Tasdeed, on the demo people's plates, so a new user watching the
// SMS simulator's inbox sees the notices arrive. Nothing here touches the database: it only speaks the API.
import { randomBytes, randomInt } from 'node:crypto';
import type { Command } from 'commander';
import { DEMO_API_CLIENTS } from '../db/seed/demo-accounts.js';
import { signRequest } from '../modules/identity/index.js';
import { DEMO_PLACES, demoPlate } from '../modules/fines/index.js';

const VIOLATIONS_PATH = '/api/v1/violations';
const demoCamera = DEMO_API_CLIENTS.find((client) => client.role === 'camera')!;

export interface DemoCameraOptions {
  url: string;
  /** Reports per second. */
  rate: number;
  /** Stop after this many (default: until interrupted). */
  count?: number;
  /** How many of the demo people's cars to photograph (the first N people of the seed). */
  people?: number;
  keyId?: string;
  secret?: string;
  signal?: AbortSignal;
}

export interface DemoCameraSummary {
  sent: number;
  recorded: number;
  failed: number;
}

// Mostly speeding, as a camera network sees it; red lights too. Types an officer records (seatbelt, phone) are not.
const CAMERA_TYPES = ['speeding', 'speeding', 'speeding', 'red-light'] as const;

export function demoCameraReport(sequence: number, people: number, now: Date) {
  const person = randomInt(0, Math.max(1, people));
  const plate = demoPlate(person, person === 0 && randomInt(0, 2) === 1 ? 1 : 0);
  const place = DEMO_PLACES[randomInt(0, DEMO_PLACES.length)]!;
  const typeCode = CAMERA_TYPES[randomInt(0, CAMERA_TYPES.length)]!;
  const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
  return {
    violationNumber: `CAM-${stamp}-${String(sequence).padStart(5, '0')}-${randomBytes(3).toString('hex').toUpperCase()}`,
    plate,
    typeCode,
    // The picture was taken a moment ago.
    occurredAt: new Date(now.getTime() - 2_000).toISOString(),
    place: { text: place.text, textEn: place.textEn, latitude: place.latitude, longitude: place.longitude },
    evidenceRef: `cam://KW-DEMO-${String(1 + (sequence % 12)).padStart(3, '0')}/${stamp}-${sequence}.jpg`,
    ...(typeCode === 'speeding' ? { limitKmh: place.limitKmh, speedKmh: place.limitKmh + randomInt(5, 61) } : {}),
  };
}

export async function runDemoCamera(options: DemoCameraOptions, log: (line: string) => void = console.log): Promise<DemoCameraSummary> {
  const base = options.url.replace(/\/$/, '');
  const intervalMs = 1000 / options.rate;
  const started = Date.now();
  const summary: DemoCameraSummary = { sent: 0, recorded: 0, failed: 0 };
  for (let i = 0; options.count === undefined || i < options.count; i++) {
    if (options.signal?.aborted) break;
    const wait = started + i * intervalMs - Date.now();
    if (wait > 0) await sleep(wait, options.signal);
    if (options.signal?.aborted) break;
    const report = demoCameraReport(i + 1, options.people ?? 5, new Date());
    const body = JSON.stringify(report);
    const timestamp = String(Math.floor(Date.now() / 1000));
    summary.sent += 1;
    try {
      const response = await fetch(`${base}${VIOLATIONS_PATH}`, {
        method: 'POST',
        body,
        headers: {
          'content-type': 'application/json',
          'x-tasdeed-key': options.keyId ?? demoCamera.keyId,
          'x-tasdeed-timestamp': timestamp,
          'x-tasdeed-signature': signRequest(options.secret ?? demoCamera.secret, 'POST', VIOLATIONS_PATH, timestamp, body),
        },
        signal: AbortSignal.timeout(10_000),
      });
      const answer = (await response.json().catch(() => ({}))) as { amount?: string; currency?: string; code?: string; ownerCivilId?: string | null };
      if (response.ok) {
        summary.recorded += 1;
        log(`${response.status} ${report.violationNumber}  ${report.plate.padEnd(9)} ${report.typeCode.padEnd(9)} ${answer.amount ?? ''} ${answer.currency ?? ''}${answer.ownerCivilId ? '' : '  (no registered owner)'}`);
      } else {
        summary.failed += 1;
        log(`${response.status} ${report.violationNumber}  refused: ${answer.code ?? 'unknown'}`);
      }
    } catch (error) {
      summary.failed += 1;
      log(`--- ${report.violationNumber}  could not reach ${base}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return summary;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

export function registerDemoCameraCommand(program: Command): void {
  const demo = program.commands.find((command) => command.name() === 'demo')
    ?? program.command('demo').description('Play the outside world against a running Tasdeed (camera network, …)');
  demo.command('camera')
    .description('Post signed traffic violations like a camera network, on the demo people\'s plates (their SMS show in the simulator\'s inbox)')
    .option('--rate <n>', 'reports per second', (v) => Number(v), 5)
    .option('--url <url>', 'the running Tasdeed', `http://localhost:${process.env.PORT ?? 3000}`)
    .option('--count <n>', 'stop after this many reports (default: until Ctrl-C)', (v) => Number(v))
    .option('--people <n>', 'how many of the demo people\'s cars to photograph', (v) => Number(v), 5)
    .action(async (options: { rate: number; url: string; count?: number; people: number }) => {
      if (!(options.rate > 0) || (options.count !== undefined && !(options.count >= 1)) || !(options.people >= 1)) {
        console.error('--rate, --count and --people must be positive numbers');
        process.exitCode = 1;
        return;
      }
      const controller = new AbortController();
      process.once('SIGINT', () => controller.abort());
      console.log(`camera network → ${options.url}${VIOLATIONS_PATH}, ${options.rate}/s${options.count ? `, ${options.count} reports` : ', Ctrl-C to stop'}`);
      const summary = await runDemoCamera({ ...options, signal: controller.signal });
      console.log(`sent ${summary.sent}, recorded ${summary.recorded}, refused or failed ${summary.failed}`);
      if (summary.sent > 0 && summary.recorded === 0) process.exitCode = 1;
    });
}
