// The settings of the browser tests' server, shared by the set-up that seeds its database and the server itself.
import type { RawConfig } from '../../../src/config.js';

export const SERVER_CONFIG: Partial<RawConfig> = { LOG_LEVEL: 'silent', TASDEED_DATA_DIR: 'memory://' };
