// The SMS centre simulator on its own: bind checks with a bare `smpp` session (not our client), the inbox page
// and its JSON, and injecting a message from the page's form.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import smpp, { type PDU, type Session } from 'smpp';
import { createSmppSender, type SmppSender } from '../../modules/notifications/sms/smpp.client.js';
import { startSmscSimulator, type SmscSimulator } from './smsc.simulator.js';
import { waitUntil } from '../../../test/support/wait.js';

let simulator: SmscSimulator;
const cleanups: (() => Promise<void>)[] = [];

beforeEach(async () => {
  simulator = await startSmscSimulator({ smppPort: 0, httpPort: 0, systemId: 'tasdeed', password: 'secret1', receiptDelayMs: 10 });
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await simulator.close();
});

function rawSession(port = simulator.smppPort): Promise<Session> {
  return new Promise((resolve, reject) => {
    const session = smpp.connect({ host: '127.0.0.1', port }, () => resolve(session));
    session.on('error', reject);
    cleanups.push(() => new Promise<void>((done) => session.destroy(() => done())));
  });
}

function request(session: Session, command: 'bind_transceiver' | 'submit_sm' | 'query_sm' | 'cancel_sm', params: Record<string, unknown>): Promise<PDU> {
  return new Promise((resolve) => session[command](params, resolve));
}

function sender(): SmppSender {
  const client = createSmppSender({ host: '127.0.0.1', port: simulator.smppPort, systemId: 'tasdeed', password: 'secret1', sourceAddr: 'Tasdeed', reconnectDelayMs: { initial: 20 } });
  cleanups.push(() => client.close());
  return client;
}

describe('SMS centre simulator', () => {
  it('refuses a bind with the wrong password or system id, and submits before a bind', async () => {
    const session = await rawSession();
    expect((await request(session, 'submit_sm', { destination_addr: '96550001234', short_message: 'x' })).command_status).toBe(0x04); // RINVBNDSTS
    expect((await request(session, 'bind_transceiver', { system_id: 'tasdeed', password: 'nope' })).command_status).toBe(0x0e); // RINVPASWD
    expect((await request(session, 'bind_transceiver', { system_id: 'other', password: 'secret1' })).command_status).toBe(0x0f); // RINVSYSID
    const bound = await request(session, 'bind_transceiver', { system_id: 'tasdeed', password: 'secret1' });
    expect(bound.command_status).toBe(0);
    const submitted = await request(session, 'submit_sm', { destination_addr: '96550001234', short_message: 'hello' });
    expect(submitted.command_status).toBe(0);
    expect(submitted.message_id).toMatch(/^[0-9A-F]+$/);
    expect(simulator.messages()).toMatchObject([{ id: submitted.message_id, text: 'hello', to: '96550001234', receiptRequested: false }]);
  });

  it('shows sent messages newest first, Arabic right-to-left, with JSON at /messages', async () => {
    const client = sender();
    await client.send({ to: '+96550001234', text: 'First: your bill is ready' });
    await client.send({ to: '+96550001234', text: 'ثانياً: <فاتورتك> جاهزة' });
    const page = await (await fetch(`${simulator.httpUrl}/`)).text();
    expect(page).toContain('http-equiv="refresh"');
    const arabic = page.indexOf('<p class="text" dir="rtl" lang="ar">ثانياً: &#60;فاتورتك&#62; جاهزة</p>');
    const english = page.indexOf('<p class="text" dir="ltr">First: your bill is ready</p>');
    expect(arabic).toBeGreaterThan(0);
    expect(english).toBeGreaterThan(arabic); // newest first, and escaped
    const json = (await (await fetch(`${simulator.httpUrl}/messages`)).json()) as { text: string }[];
    expect(json.map((m) => m.text)).toEqual(['First: your bill is ready', 'ثانياً: <فاتورتك> جاهزة']);
  });

  it('texts the application from the inbox form', async () => {
    const client = sender();
    const received: string[] = [];
    client.onInbound((message) => { received.push(`${message.from}:${message.text}`); });
    await client.whenBound();
    const response = await fetch(`${simulator.httpUrl}/inbound`, {
      method: 'POST',
      body: new URLSearchParams({ from: '+96550000009', to: '1234', text: 'إيقاف' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    await waitUntil(() => received.length > 0, 'the inbound message', { intervalMs: 5 });
    expect(received).toEqual(['+96550000009:إيقاف']);
    const bad = await fetch(`${simulator.httpUrl}/inbound`, { method: 'POST', body: new URLSearchParams({ from: 'nobody', text: 'x' }) });
    expect(bad.status).toBe(400);
  });

  it('answers query_sm with the state of a message (by any segment id) and ESME_RQUERYFAIL for an unknown one', async () => {
    const session = await rawSession();
    expect((await request(session, 'query_sm', { message_id: 'ABC' })).command_status).toBe(0x04); // not bound
    await request(session, 'bind_transceiver', { system_id: 'tasdeed', password: 'secret1' });
    const submitted = await request(session, 'submit_sm', { destination_addr: '96550001234', short_message: 'hello', registered_delivery: 1 });
    session.on('deliver_sm', (pdu: PDU) => session.send(pdu.response()));
    await waitUntil(() => simulator.messages()[0]?.status === 'delivered', 'the message to be delivered', { intervalMs: 5 });
    const answer = await request(session, 'query_sm', { message_id: submitted.message_id });
    expect(answer).toMatchObject({ command: 'query_sm_resp', command_status: 0, message_id: submitted.message_id, message_state: 2 }); // DELIVERED
    expect(answer.final_date).toBeInstanceOf(Date); // the smpp package decodes SMPP times
    expect((await request(session, 'query_sm', { message_id: 'FFFFFFFF' })).command_status).toBe(0x67); // ESME_RQUERYFAIL
  });

  it('cancels a message not yet delivered with cancel_sm; a final or unknown one is ESME_RCANCELFAIL', async () => {
    // A centre that holds messages for ten minutes before delivering: the message is still waiting when cancelled.
    const slow = await startSmscSimulator({ smppPort: 0, httpPort: 0, systemId: 'tasdeed', password: 'secret1', receiptDelayMs: 600_000 });
    cleanups.push(() => slow.close());
    const session = await rawSession(slow.smppPort);
    await request(session, 'bind_transceiver', { system_id: 'tasdeed', password: 'secret1' });
    const submitted = await request(session, 'submit_sm', { destination_addr: '96550001234', short_message: 'wrong amount', registered_delivery: 1 });
    expect((await request(session, 'query_sm', { message_id: submitted.message_id })).message_state).toBe(6); // ACCEPTED
    expect((await request(session, 'cancel_sm', { message_id: submitted.message_id, destination_addr: '96550001234' })).command_status).toBe(0);
    expect(slow.messages()[0]).toMatchObject({ status: 'cancelled' });
    expect((await request(session, 'query_sm', { message_id: submitted.message_id })).message_state).toBe(4); // DELETED
    expect((await request(session, 'cancel_sm', { message_id: submitted.message_id })).command_status).toBe(0x11); // already final
    expect((await request(session, 'cancel_sm', { message_id: 'FFFFFFFF' })).command_status).toBe(0x11);
  });
});
