// The settings of the browser tests' server, shared by the set-up that seeds its database and the server itself.
// One secret for both: the demo database is made (and its first messages sent) by one server and then loaded by
// each file's own server, so whatever the first sealed or signed must open in the others.
import type { RawConfig } from '../../../src/config.js';

export const SERVER_CONFIG: Partial<RawConfig> = {
  LOG_LEVEL: 'silent',
  TASDEED_DATA_DIR: 'memory://',
  TASDEED_SECRET: 'browser-tests-only-secret-not-for-any-real-server',
};
