// `serve --demo`: the local simulators of the outside world (card gateway, SMS centre, mail server) started
// in-process, so a new user sees the whole flow with one command. Each adds its entry to DEMO_SIMULATORS and
// puts what the app needs to reach it into `services` (e.g. the gateway's base URL).
import type { Config } from '../config.js';
import { knetDemoSimulator } from '../modules/payments/index.js';
import { smscDemoSimulator } from './smsc/smsc.demo.js';
import { mailDemoSimulator } from './mail/mail.demo.js';

export interface RunningSimulator {
  name: string;
  /** A line for the console: where a person can look (an inbox page). */
  describe: string;
  close(): Promise<void>;
}

export type DemoSimulator = {
  name: string;
  start: (config: Config, services: Record<string, unknown>) => Promise<RunningSimulator>;
};

const DEMO_SIMULATORS: DemoSimulator[] = [knetDemoSimulator, smscDemoSimulator, mailDemoSimulator];

export async function startDemoSimulators(config: Config, services: Record<string, unknown>): Promise<RunningSimulator[]> {
  const running: RunningSimulator[] = [];
  for (const simulator of DEMO_SIMULATORS) running.push(await simulator.start(config, services));
  return running;
}
