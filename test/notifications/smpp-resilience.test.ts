// Issue 15 point 11, the SMS link: a data_sm sent by the SMS centre (SMPP 3.4 §4.7) is answered, with Debian's
// Net::SMPP (Perl) as the SMS centre, a third-party peer; a long message resent after a drop carries the same
// concatenation reference, so the handset joins its parts; and `serve` gives the SMPP client the process logger.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import smpp, { type PDU, type Session } from 'smpp';
import { pino } from 'pino';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import { createSmppSender, type SmppSender } from '../../src/modules/notifications/sms/smpp.client.js';
import { readShortMessage } from '../../src/modules/notifications/sms/smpp.inbound.js';
import { concatenationInfo } from '../../src/modules/notifications/sms/sms.reassembly.js';
import type { InboundSms } from '../../src/modules/notifications/sms/sms.types.js';
import { notificationsWorker } from '../../src/modules/notifications/index.js';
import { startSmscSimulator } from '../../src/dev/smsc/smsc.simulator.js';
import { createTestDatabase } from '../support/database.js';
import { testConfig } from '../support/config.js';
import { waitUntil } from '../support/wait.js';

const LONG = 'Your electricity and water bill for March is ready: 12.500 KWD, due on 15 April. '.repeat(3); // 3 segments
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function sender(port: number): SmppSender {
  const client = createSmppSender({ host: '127.0.0.1', port, systemId: 'tasdeed', password: 'secret1', sourceAddr: 'Tasdeed', messagesPerSecond: 1000, reconnectDelayMs: { initial: 20, max: 200 } });
  cleanups.push(() => client.close());
  return client;
}

const perlHasNetSmpp = spawnSync('perl', ['-MNet::SMPP', '-e1']).status === 0;

describe.runIf(perlHasNetSmpp)('data_sm from the SMS centre (Net::SMPP as the peer)', () => {
  it('is answered with data_sm_resp status 0 and its message reaches the inbound listeners', async () => {
    const peer = spawn('perl', [fileURLToPath(new URL('../fixtures/smpp-data-sm-peer.pl', import.meta.url))], { stdio: ['ignore', 'pipe', 'inherit'] });
    cleanups.push(async () => { if (peer.exitCode === null) { peer.kill(); await once(peer, 'exit'); } });
    let output = '';
    peer.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    const port = Number(await waitUntil(() => /^port (\d+)$/m.exec(output)?.[1], 'the Perl SMS centre to listen'));
    const client = sender(port);
    const received: InboundSms[] = [];
    client.onInbound((message) => { received.push(message); });
    const status = await waitUntil(() => /^data_sm_resp status (\d+)$/m.exec(output)?.[1], 'the answer to data_sm');
    expect(status).toBe('0');
    expect(received).toMatchObject([{ from: '+96550001234', to: '1234', text: 'STOP' }]);
  });
});

describe('a long message resent after a drop', () => {
  it('keeps its concatenation reference when it has a key; without one each send takes a new reference', async () => {
    // A bare SMS centre that records each submit_sm's reference and drops the bind at the first segment once.
    const references: number[] = [];
    let dropNext = true;
    const server = smpp.createServer({}, (session: Session) => {
      session.on('error', () => session.destroy());
      session.on('bind_transceiver', (pdu: PDU) => session.send(pdu.response()));
      session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
      session.on('submit_sm', (pdu: PDU) => {
        references.push(concatenationInfo(readShortMessage(pdu).udh)!.reference);
        if (dropNext) {
          dropNext = false;
          session.destroy();
          return;
        }
        session.send(pdu.response({ message_id: `M${references.length}` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const client = sender((server.address() as AddressInfo).port);

    const first = await client.send({ to: '+96550001234', text: LONG, key: 'ntf_resend_test' }).then(() => 'sent', () => 'failed');
    expect(first).toBe('failed'); // the drop failed it back to the caller, to be sent again
    expect(references.length).toBeGreaterThanOrEqual(1);
    await client.send({ to: '+96550001234', text: LONG, key: 'ntf_resend_test' });
    expect(new Set(references).size).toBe(1); // every part of both attempts: one reference

    references.length = 0;
    await client.send({ to: '+96550001234', text: LONG });
    await client.send({ to: '+96550001234', text: LONG });
    expect(new Set(references).size).toBe(2);
  });
});

describe('serve\'s notifications worker', () => {
  it('logs the SMPP bind, its drop and the re-bind through the process logger', async () => {
    const simulator = await startSmscSimulator({ smppPort: 0, httpPort: 0, systemId: 'tasdeed', password: 'secret1' });
    cleanups.push(() => simulator.close());
    const database = await createTestDatabase();
    cleanups.push(() => database.destroy());
    const lines: { msg: string; level: number }[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write(chunk: Buffer, _encoding, done) { lines.push(JSON.parse(chunk.toString()) as { msg: string; level: number }); done(); } }));
    const config = testConfig({ SMPP_HOST: '127.0.0.1', SMPP_PORT: simulator.smppPort, SMPP_SYSTEM_ID: 'tasdeed', SMPP_PASSWORD: 'secret1' });
    const stop = await notificationsWorker.start({ config, database, clock: { now: () => new Date() }, logger, services: {} });
    cleanups.push(stop);
    await waitUntil(() => lines.some((line) => line.msg === 'smpp bound'), 'the bind to be logged');
    await simulator.dropBinds();
    await waitUntil(() => lines.some((line) => line.msg === 'smpp bind lost: re-binding' && line.level === 40), 'the drop to be logged as a warning');
    await waitUntil(() => lines.filter((line) => line.msg === 'smpp bound').length >= 2, 'the re-bind to be logged');
  });
});
