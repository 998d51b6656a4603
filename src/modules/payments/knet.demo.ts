// `serve --demo`: the KNET simulator in-process on a free loopback port, with the KNET adapter pointed at it in
// `services`, so checkout in the demo walks the real protocol (hosted page, REDIRECT= handshake, action 8).
import { knetSimCredentials } from '../../dev/knet-sim/knet-sim.command.js';
import { startKnetSimulator } from '../../dev/knet-sim/knet-sim.server.js';
import type { DemoSimulator } from '../../dev/demo.js';
import { createKnetGateway } from './gateways/index.js';
import { PAYMENT_GATEWAY_SERVICE } from './payments.gateway.js';

export const knetDemoSimulator: DemoSimulator = {
  name: 'knet',
  start: async (_config, services) => {
    const terminal = knetSimCredentials();
    const simulator = await startKnetSimulator({ ...terminal, port: 0, host: '127.0.0.1' });
    services[PAYMENT_GATEWAY_SERVICE] = createKnetGateway({ baseUrl: simulator.url, ...terminal });
    return {
      name: 'knet',
      describe: `KNET simulator: ${simulator.url}/ (card page offers approve, decline, cancel, timeout)`,
      close: () => simulator.close(),
    };
  },
};
