import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createKnetGateway } from '../../modules/payments/gateways/knet/knet.gateway.js';
import { KNET_DEMO_CREDENTIALS, knetSimCredentials, registerKnetSimCommand } from './knet-sim.command.js';
import { startKnetSimulator } from './knet-sim.server.js';

describe('tasdeed dev knet-sim', () => {
  it('registers knet-sim under dev with --port 4010 and --host 127.0.0.1 by default', () => {
    const dev = new Command('dev');
    registerKnetSimCommand(dev);
    const command = dev.commands.find((c) => c.name() === 'knet-sim');
    expect(command).toBeDefined();
    const options = Object.fromEntries(command!.options.map((o) => [o.long, o.defaultValue]));
    expect(options).toEqual({ '--port': 4010, '--host': '127.0.0.1' });
  });

  it('plays the terminal named by the environment, else the demo terminal', () => {
    expect(knetSimCredentials({})).toEqual(KNET_DEMO_CREDENTIALS);
    expect(knetSimCredentials({ KNET_TRANPORTAL_ID: '123', KNET_TRANPORTAL_PASSWORD: 'pw', KNET_RESOURCE_KEY: 'ABCDEFGHIJKLMNOP' })).toEqual({
      tranportalId: '123',
      tranportalPassword: 'pw',
      resourceKey: 'ABCDEFGHIJKLMNOP',
    });
  });

  it('the demo credentials are a terminal both the simulator and the gateway accept (what serve --demo does)', async () => {
    const sim = await startKnetSimulator({ ...KNET_DEMO_CREDENTIALS, port: 0 });
    try {
      const gateway = createKnetGateway({ baseUrl: sim.url, ...KNET_DEMO_CREDENTIALS });
      const { redirectUrl } = gateway.startPayment({
        trackId: 'DEMO1', amount: 1_000n, currency: 'KWD', language: 'ar',
        responseUrl: 'http://localhost:3000/payments/knet/response', errorUrl: 'http://localhost:3000/payments/knet/error',
      });
      const page = await fetch(redirectUrl);
      expect(page.status).toBe(200);
      expect(await gateway.inquire({ trackId: 'DEMO1', amount: 1_000n, currency: 'KWD' })).toMatchObject({ status: 'unknown' });
    } finally {
      await sim.close();
    }
  });
});
