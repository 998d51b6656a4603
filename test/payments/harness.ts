// A Tasdeed server listening on loopback with the KNET adapter pointed at a real KNET simulator, so tests walk
// the protocol over HTTP: checkout → hosted page → the simulator's choice → its POST to our response URL.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../support/app.js';
import { KNET_DEMO_CREDENTIALS } from '../../src/dev/knet-sim/knet-sim.command.js';
import { startKnetSimulator, type KnetSimulator } from '../../src/dev/knet-sim/knet-sim.server.js';
import { createKnetGateway, type PaymentGateway } from '../../src/modules/payments/gateways/index.js';
import { WAIT_BOUND_MS } from '../support/wait.js';

export interface PaymentsHarness extends TestApp {
  sim: KnetSimulator;
  gateway: PaymentGateway;
  baseUrl: string;
  stop(): Promise<void>;
}

export async function startPaymentsHarness(options: { now?: string } = {}): Promise<PaymentsHarness> {
  // The simulator waits as long as a busy machine may need for our server's answer to its notification.
  const sim = await startKnetSimulator({ ...KNET_DEMO_CREDENTIALS, port: 0, notifyTimeoutMs: WAIT_BOUND_MS });
  const gateway = createKnetGateway({ baseUrl: sim.url, ...KNET_DEMO_CREDENTIALS });
  const t = await createTestApp({ ...(options.now ? { now: options.now } : {}), services: { paymentGateway: gateway } });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  t.config.publicUrl = baseUrl;
  return { ...t, sim, gateway, baseUrl, stop: async () => { await t.close(); await sim.close(); } };
}

/** Opens the hosted page like a browser would, and returns KNET's payment id for the attempt. */
export async function openHostedPage(sim: KnetSimulator, redirectUrl: string, trackId: string): Promise<string> {
  const page = await fetch(redirectUrl);
  if (page.status !== 200) throw new Error(`hosted page answered ${page.status}: ${await page.text()}`);
  const list = (await (await fetch(`${sim.url}/sim/transactions`)).json()) as { transactions: { paymentId: string; trackId: string }[] };
  const found = list.transactions.find((t) => t.trackId === trackId);
  if (!found) throw new Error(`the simulator has no attempt ${trackId}`);
  return found.paymentId;
}

/** Presses a button on the hosted page: approve, decline, cancel or timeout. */
export async function chooseOnHostedPage(sim: KnetSimulator, knetPaymentId: string, action: 'approve' | 'decline' | 'cancel' | 'timeout') {
  const response = await fetch(`${sim.url}/sim/pay/${knetPaymentId}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action }) });
  if (response.status !== 200) throw new Error(`simulator answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { redirectUrl: string | null; transaction: { state: string; notification?: { delivered: boolean; reply?: string; error?: string } } };
}

export interface RecordingMerchant {
  url: string;
  /** KNET's notifications as received, by track id (a test delivers them to Tasdeed itself, once or again). */
  notifications: Map<string, Record<string, string>>;
  close(): Promise<void>;
}

/** A stand-in merchant that answers KNET like one would, but keeps each notification instead of posting anything. */
export async function startRecordingMerchant(): Promise<RecordingMerchant> {
  const notifications = new Map<string, Record<string, string>>();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      const fields = Object.fromEntries(new URLSearchParams(body));
      notifications.set(fields.trackid ?? '', fields);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('REDIRECT=http://127.0.0.1/elsewhere');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    notifications,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
