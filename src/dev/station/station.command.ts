// `tasdeed dev station --plate 40/1011 --plate 40/1012 --gallons 3000`: a simulated filling station terminal
// against a running Tasdeed. Each plate fills on its own nozzle at --flow gallons a minute; press c to cut the
// link and r to restore it (or --cut-after/--restore-after seconds), so the demo shows offline filling too.
import { InvalidArgumentError, type Command } from 'commander';
import { DEMO_API_CLIENTS } from '../../db/seed/demo-accounts.js';
import { fetchTransport, StationTerminal } from './station.simulator.js';

const demoStation = DEMO_API_CLIENTS.find((client) => client.role === 'station')!;

function positive(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError('must be a positive number');
  return value;
}

interface StationCommandOptions {
  url: string; plate: string[]; gallons: number; nozzles: number; flow: number; reportMs: number;
  cutAfter?: number; restoreAfter?: number; keyId: string; secret: string;
}

export function registerStationCommand(dev: Command): Command {
  return dev.command('station')
    .description('simulate a prepaid water station terminal (nozzles, flow, link cut on demand) speaking the signed HTTP protocol')
    .option('--url <url>', 'the running Tasdeed', `http://localhost:${process.env.PORT ?? 3000}`)
    .option('--plate <plate>', 'a truck to fill (repeat for several nozzles)', (v: string, all: string[]) => [...all, v], [] as string[])
    .option('--gallons <n>', 'gallons to ask for each truck', positive, 3000)
    .option('--nozzles <n>', 'nozzles of the station', positive, 4)
    .option('--flow <n>', 'imperial gallons a minute through a nozzle', positive, 600)
    .option('--report-ms <n>', 'how often the meter is reported', positive, 1000)
    .option('--cut-after <s>', 'cut the link this many seconds after start', positive)
    .option('--restore-after <s>', 'restore the link this many seconds after start', positive)
    .option('--key-id <id>', 'terminal key id', demoStation.keyId)
    .option('--secret <secret>', 'terminal secret', demoStation.secret)
    .action(async (options: StationCommandOptions) => {
      if (options.plate.length === 0 || options.plate.length > options.nozzles) {
        console.error('give one to --nozzles plates with --plate');
        process.exitCode = 1;
        return;
      }
      const terminal = new StationTerminal({
        keyId: options.keyId, secret: options.secret, transport: fetchTransport(options.url), nozzles: options.nozzles,
        flowGallonsPerMinute: options.flow, reportEveryMs: options.reportMs, log: (line) => console.log(`${new Date().toISOString()} ${line}`),
      });
      console.log(`station terminal ${options.keyId} → ${options.url}; allow-list: ${await terminal.refreshAllowList()} trucks`);
      const timers: NodeJS.Timeout[] = [];
      if (options.cutAfter) timers.push(setTimeout(() => terminal.cutLink(), options.cutAfter * 1000));
      if (options.restoreAfter) timers.push(setTimeout(() => void terminal.restoreLink(), options.restoreAfter * 1000));
      if (process.stdin.isTTY) {
        console.log('press c to cut the link, r to restore it');
        process.stdin.setRawMode(true);
        process.stdin.on('data', (key) => {
          const k = key.toString();
          if (k === 'c') terminal.cutLink();
          if (k === 'r') void terminal.restoreLink();
          if (k === '\u0003') process.exit(130);
        });
      }
      const results = await Promise.all(options.plate.map((plate, i) => terminal.fill(plate, options.gallons, i + 1)));
      for (const timer of timers) clearTimeout(timer);
      if (!terminal.online) await terminal.restoreLink();
      await terminal.uploadPending();
      console.log(JSON.stringify(results));
      process.stdin.pause();
      if (results.every((r) => r.mode === 'refused')) process.exitCode = 1;
    });
}
