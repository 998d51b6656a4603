// The email link proven against an SMTP server we did not write: Debian's aiosmtpd receives what our mailer
// (createMailer, pooled as in production) sends, and Python's email package parses it. The Arabic subject and
// attachment name survive their MIME encodings, the PDF arrives byte for byte, the unsubscribe headers are there,
// and the server's 550 and 451 become a permanent and a retryable verdict.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer, type Mailer } from '../../src/modules/notifications/email/mailer.js';
import { AppError } from '../../src/platform/errors/app-error.js';
import { waitUntil } from '../support/wait.js';

// Debian's python3, not a pyenv one earlier on PATH: python3-aiosmtpd is installed for it (.ci/run).
const PYTHON = '/usr/bin/python3';
const hasAiosmtpd = spawnSync(PYTHON, ['-c', 'import aiosmtpd']).status === 0;

interface Received {
  mailFrom: string;
  rcptTos: string[];
  from: string;
  to: string;
  subject: string;
  messageId: string;
  listUnsubscribe: string;
  listUnsubscribePost: string;
  notification: string;
  text: string | null;
  html: string | null;
  attachments: { filename: string; contentType: string; size: number; sha256: string }[];
  defects: string[];
}

describe.runIf(hasAiosmtpd)('email to aiosmtpd (a third-party SMTP server)', () => {
  let peer: ChildProcess;
  let output = '';
  let mailer: Mailer;
  const received = (): Received[] => output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Received);

  beforeAll(async () => {
    peer = spawn(PYTHON, [fileURLToPath(new URL('../fixtures/aiosmtpd-peer.py', import.meta.url))], { stdio: ['pipe', 'pipe', 'inherit'] });
    peer.stdout!.setEncoding('utf8');
    peer.stdout!.on('data', (chunk: string) => { output += chunk; });
    const port = Number(await waitUntil(() => /^port (\d+)$/m.exec(output)?.[1], 'aiosmtpd to listen'));
    mailer = createMailer({ host: '127.0.0.1', port, secure: false, from: '"Tasdeed تسديد" <no-reply@tasdeed.test>' });
  });

  afterAll(async () => {
    mailer?.close();
    if (peer && peer.exitCode === null) {
      peer.stdin!.end();
      await once(peer, 'exit');
    }
  });

  it('delivers an Arabic bill email with its PDF that the peer parses without a defect', async () => {
    // Every byte value, so a transfer encoding that mangles binary would show in the digest.
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 4096 }, (_, i) => i % 256))]);
    const subject = 'فاتورة الكهرباء والماء لشهر مارس: 12.500 د.ك';
    const messageId = await mailer.sendEmail({
      to: 'citizen@example.test',
      subject,
      html: '<p dir="rtl">فاتورتك جاهزة: <b>12.500 KWD</b></p>',
      text: 'فاتورتك جاهزة: 12.500 KWD',
      attachments: [{ filename: 'فاتورة-2026-03.pdf', content: pdf, contentType: 'application/pdf' }],
      listUnsubscribe: 'https://tasdeed.test/unsubscribe/abc',
      headers: { 'X-Tasdeed-Notification': 'ntf_peer_1' },
    });

    const [message] = await waitUntil(() => received().length === 1 && received(), 'the peer to receive the message');
    expect(message).toMatchObject({
      mailFrom: 'no-reply@tasdeed.test',
      rcptTos: ['citizen@example.test'],
      from: 'Tasdeed تسديد <no-reply@tasdeed.test>',
      to: 'citizen@example.test',
      subject,
      messageId,
      listUnsubscribe: '<https://tasdeed.test/unsubscribe/abc>',
      listUnsubscribePost: 'List-Unsubscribe=One-Click',
      notification: 'ntf_peer_1',
      defects: [],
    });
    expect(message!.text?.trim()).toBe('فاتورتك جاهزة: 12.500 KWD');
    expect(message!.html).toContain('<b>12.500 KWD</b>');
    expect(message!.attachments).toEqual([{
      filename: 'فاتورة-2026-03.pdf',
      contentType: 'application/pdf',
      size: pdf.length,
      sha256: createHash('sha256').update(pdf).digest('hex'),
    }]);
  });

  it('turns the peer\'s 550 into a permanent refusal and its 451 into a retryable deferral', async () => {
    const send = (to: string) => mailer.sendEmail({ to, subject: 'إشعار', html: '<p>x</p>', text: 'x' }).then(() => undefined, (error: unknown) => error);
    const refused = await send('refuse@example.test');
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'email_refused', details: { retryable: false, responseCode: 550 } });
    const deferred = await send('busy@example.test');
    expect(deferred).toMatchObject({ code: 'email_deferred', details: { retryable: true, responseCode: 451 } });
    expect(received().map((message) => message.rcptTos)).not.toContainEqual(['refuse@example.test']);
  });
});
