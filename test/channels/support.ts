// A server with the demo data and the demo bank's signing, for the bank API tests.
import { DEMO_API_CLIENTS } from '../../src/db/seed/demo-accounts.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { signRequest } from '../../src/modules/identity/secrets.js';
import { channelsDemoSeeder } from '../../src/modules/channels/index.js';
import { createTestApp, type TestApp } from '../support/app.js';

export const demoBank = DEMO_API_CLIENTS.find((c) => c.role === 'bank')!;

export async function startBankApp(now: string): Promise<TestApp> {
  const t = await createTestApp({ now });
  await seedDemo(t.ctx, { people: 1 });
  await channelsDemoSeeder.run(t.ctx);
  return t;
}

/** An HMAC-signed request from the demo bank, through app.inject. */
export function bankRequest(t: TestApp, method: 'GET' | 'POST', url: string, body?: unknown, client: { keyId: string; secret: string } = demoBank) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const timestamp = String(Math.floor(t.clock.now().getTime() / 1000));
  return t.app.inject({
    method, url, ...(body === undefined ? {} : { payload: text }),
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      'x-tasdeed-key': client.keyId, 'x-tasdeed-timestamp': timestamp, 'x-tasdeed-signature': signRequest(client.secret, method, url, timestamp, text),
    },
  });
}

/** An HMAC-signed XML message from the demo bank to a switch endpoint; the signature covers the XML bytes. */
export function bankXmlRequest(t: TestApp, url: string, xml: string, client: { keyId: string; secret: string } = demoBank, contentType = 'application/xml') {
  const timestamp = String(Math.floor(t.clock.now().getTime() / 1000));
  return t.app.inject({
    method: 'POST', url, payload: xml,
    headers: { 'content-type': contentType, 'x-tasdeed-key': client.keyId, 'x-tasdeed-timestamp': timestamp, 'x-tasdeed-signature': signRequest(client.secret, 'POST', url, timestamp, xml) },
  });
}
