// One JSON logger (pino) for everything that runs outside a request: workers, schedules, jobs. Requests log through
// Fastify's logger, which is pino too, so both write the same lines. LOG_LEVEL=silent quiets both (tests).
import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';

export type { Logger } from 'pino';

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, name = 'tasdeed'): Logger {
  return pino({ name, level: config.LOG_LEVEL });
}
