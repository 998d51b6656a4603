// The worker as `serve --demo` starts it: SMS centre and mail relay taken from `services` (where the demo
// simulators put them), default templates seeded, receipts and STOP replies wired, a clean stop.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { notificationPhoneOptOuts, notifications, notificationTemplates } from '../../src/db/schema/index.js';
import { seedFoundation, type SeededPerson } from '../../src/db/seed/foundation.seed.js';
import { startMailSimulator, type MailSimulator } from '../../src/dev/mail/mail.simulator.js';
import { SMSC_DEMO_CREDENTIALS, startSmscSimulator, type SmscSimulator } from '../../src/dev/smsc/smsc.simulator.js';
import { mailRelay, smppOptions, startNotifications } from '../../src/modules/notifications/notifications.worker.js';
import { testConfig } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { billIssued, emit } from './events.js';
import { eventually, movableClock } from './harness.js';

let database: TestDatabase;
let smsc: SmscSimulator;
let mail: MailSimulator;
let person: SeededPerson;

beforeAll(async () => {
  database = await createTestDatabase();
  smsc = await startSmscSimulator({ smppPort: 0, httpPort: 0, receiptDelayMs: 0 });
  mail = await startMailSimulator({ smtpPort: 0, httpPort: 0 });
});
afterAll(async () => {
  await smsc?.close();
  await mail?.close();
  await database?.destroy();
});

it('reads the SMS centre and relay from services first, then from SMPP_* / SMTP_* settings', () => {
  const config = testConfig({ SMPP_HOST: 'smsc.example', SMPP_PORT: 2776, SMPP_SYSTEM_ID: 'tasdeed', SMPP_PASSWORD: 'secret12', SMTP_HOST: 'relay.example', SMTP_PORT: 465, SMTP_SECURE: 'true' });
  expect(smppOptions(config)).toMatchObject({ host: 'smsc.example', port: 2776, systemId: 'tasdeed', password: 'secret12', sourceAddr: 'Tasdeed' });
  expect(smppOptions(config, { smsc: { host: '127.0.0.1', port: 1, systemId: 'a', password: 'b' } })).toMatchObject({ host: '127.0.0.1', port: 1 });
  expect(mailRelay(config)).toMatchObject({ host: 'relay.example', port: 465, secure: true });
  expect(smppOptions(testConfig())).toBeNull();
  expect(mailRelay(testConfig())).toBeNull();
  expect(() => testConfig({ SMPP_PASSWORD: 'much-too-long' })).toThrow(/SMPP_PASSWORD/);
});

it('runs: seeds the templates, sends, records receipts, honours a STOP reply, stops cleanly', async () => {
  const config = testConfig({ NOTIFY_POLL_MS: 20 });
  const clock = movableClock();
  const ctx = { db: database.db, clock, config };
  person = (await seedFoundation(ctx, { people: 1 })).people[0]!;
  const running = await startNotifications({
    config, database, clock,
    services: { smsc: { host: '127.0.0.1', port: smsc.smppPort, ...SMSC_DEMO_CREDENTIALS }, mail: { relay: { host: '127.0.0.1', port: mail.smtpPort, secure: false } } },
  });
  try {
    expect(await database.db.select().from(notificationTemplates)).toHaveLength(52); // 13 topics × SMS and email × ar and en
    const outboxId = await emit(ctx, 'bill.issued', billIssued(person.id, 1));
    await eventually(async () => {
      const rows = await database.db.select().from(notifications).where(eq(notifications.outboxId, outboxId));
      expect(rows.map((r) => `${r.channel}:${r.status}`).sort()).toEqual(['email:sent', 'sms:delivered']);
    });
    expect(smsc.messages().filter((m) => m.to === person.phone)).toHaveLength(1);
    expect(mail.messages().filter((m) => m.to.includes(person.email))).toHaveLength(1);

    await smsc.injectInbound(person.phone, 'STOP');
    await eventually(async () => expect(await database.db.select().from(notificationPhoneOptOuts).where(eq(notificationPhoneOptOuts.personId, person.id))).toHaveLength(1));
  } finally {
    await running.stop();
  }
});
