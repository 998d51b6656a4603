// The mailer against the mail simulator over loopback SMTP: what arrives, parsed, and how refusals are reported.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors/app-error.js';
import { startMailSimulator, type MailSimulator } from '../../../dev/mail/mail.simulator.js';
import { classifySmtpFailure, createMailer, type Mailer, type MailRelayConfig } from './mailer.js';
import { isRetryableEmailError } from './email.errors.js';
import { WAIT_BOUND_MS } from '../../../../test/support/wait.js';

let simulator: MailSimulator;
let mailers: Mailer[] = [];

beforeEach(async () => {
  simulator = await startMailSimulator({ smtpPort: 0, httpPort: 0, rejectRecipients: /^nobody@/ });
});

afterEach(async () => {
  for (const mailer of mailers) mailer.close();
  mailers = [];
  await simulator.close();
});

function mailer(overrides: Partial<MailRelayConfig> = {}): Mailer {
  const created = createMailer({ host: '127.0.0.1', port: simulator.smtpPort, secure: false, from: '"Tasdeed تسديد" <no-reply@tasdeed.test>', timeoutMs: WAIT_BOUND_MS, ...overrides });
  mailers.push(created);
  return created;
}

async function failureOf(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(() => null, (error: unknown) => error);
  if (!(outcome instanceof AppError)) throw new Error(`expected an AppError, got ${String(outcome)}`);
  return outcome;
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0x00, 0xff, 0x10, 0x80]), Buffer.from('\n%%EOF\n')]);

describe('mailer ↔ mail simulator', () => {
  it('delivers an email with an attachment and List-Unsubscribe, parsed on arrival', async () => {
    const messageId = await mailer({ user: 'tasdeed', pass: 'anything' }).sendEmail({
      to: 'citizen@example.test',
      subject: 'فاتورة الكهرباء — March bill',
      html: '<p dir="rtl">فاتورتك جاهزة: <b>12.500 د.ك</b></p>',
      text: 'فاتورتك جاهزة: 12.500 د.ك',
      attachments: [{ filename: 'bill-2025-03.pdf', content: PDF, contentType: 'application/pdf' }],
      listUnsubscribe: 'https://tasdeed.test/unsubscribe/tok_123',
      headers: { 'X-Tasdeed-Notification': 'ntf_01' },
    });
    expect(messageId).toMatch(/^<.+@.+>$/);

    const [received] = simulator.messages();
    expect(received).toMatchObject({
      messageId,
      to: ['citizen@example.test'],
      envelope: { from: 'no-reply@tasdeed.test', to: ['citizen@example.test'] },
      subject: 'فاتورة الكهرباء — March bill',
      text: 'فاتورتك جاهزة: 12.500 د.ك',
    });
    expect(received!.from).toContain('no-reply@tasdeed.test');
    expect(received!.html).toContain('<b>12.500 د.ك</b>');
    expect(received!.headers['list-unsubscribe']).toBe('<https://tasdeed.test/unsubscribe/tok_123>');
    expect(received!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(received!.headers['x-tasdeed-notification']).toBe('ntf_01');
    expect(received!.attachments).toHaveLength(1);
    expect(received!.attachments[0]).toMatchObject({ filename: 'bill-2025-03.pdf', contentType: 'application/pdf', size: PDF.length });
    expect(received!.attachments[0]!.content.equals(PDF)).toBe(true);
  });

  it('offers one-click unsubscribe only for https links', async () => {
    await mailer().sendEmail({ to: 'a@example.test', subject: 's', html: '<p>h</p>', text: 't', listUnsubscribe: 'mailto:unsubscribe@tasdeed.test' });
    const [received] = simulator.messages();
    expect(received!.headers['list-unsubscribe']).toBe('<mailto:unsubscribe@tasdeed.test>');
    expect(received!.headers['list-unsubscribe-post']).toBeUndefined();
  });

  it('reports a 5xx refusal as permanent and a 4xx as retryable', async () => {
    const sender = mailer();
    const email = { to: 'citizen@example.test', subject: 'Reminder', html: '<p>Due soon</p>', text: 'Due soon' };

    simulator.setRefuse(true, 'permanent');
    const refused = await failureOf(sender.sendEmail(email));
    expect(refused.code).toBe('email_refused');
    expect(refused.details).toMatchObject({ responseCode: 554, retryable: false });
    expect(isRetryableEmailError(refused)).toBe(false);

    simulator.setRefuse(true, 'temporary');
    const deferred = await failureOf(sender.sendEmail(email));
    expect(deferred.code).toBe('email_deferred');
    expect(deferred.details).toMatchObject({ responseCode: 451, retryable: true });
    expect(isRetryableEmailError(deferred)).toBe(true);

    simulator.setRefuse(false);
    await sender.sendEmail(email);
    expect(simulator.messages()).toHaveLength(1); // the refused ones were not kept
  });

  it('reports an unknown mailbox (550 at RCPT TO) as permanent', async () => {
    const refused = await failureOf(mailer().sendEmail({ to: 'nobody@example.test', subject: 's', html: '<p>h</p>', text: 't' }));
    expect(refused.code).toBe('email_refused');
    expect(refused.details).toMatchObject({ responseCode: 550, retryable: false });
  });

  it('reports a relay that cannot be reached as retryable', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const failure = await failureOf(mailer({ port: closedPort, poolSize: 0 }).sendEmail({ to: 'a@example.test', subject: 's', html: '<p>h</p>', text: 't' }));
    expect(failure.code).toBe('email_relay_unavailable');
    expect(isRetryableEmailError(failure)).toBe(true);
  });

  it('classifies nodemailer failures without a server too', () => {
    expect(classifySmtpFailure(Object.assign(new Error('Invalid login'), { code: 'EAUTH', responseCode: 535 })).code).toBe('email_relay_auth_failed');
    expect(isRetryableEmailError(classifySmtpFailure(Object.assign(new Error('Invalid login'), { code: 'EAUTH', responseCode: 535 })))).toBe(true);
    expect(classifySmtpFailure(Object.assign(new Error('Timeout'), { code: 'ETIMEDOUT' })).code).toBe('email_relay_unavailable');
    expect(classifySmtpFailure(Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE', command: 'API' })).details.retryable).toBe(false);
  });
});
