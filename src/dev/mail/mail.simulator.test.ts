// The mail simulator's inbox page: list, a message's view (HTML sandboxed), attachment download and JSON.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMailer, type Mailer } from '../../modules/notifications/email/mailer.js';
import { startMailSimulator, type MailSimulator } from './mail.simulator.js';

let simulator: MailSimulator;
let mailer: Mailer;

beforeEach(async () => {
  simulator = await startMailSimulator({ smtpPort: 0, httpPort: 0 });
  mailer = createMailer({ host: '127.0.0.1', port: simulator.smtpPort, secure: false, from: 'no-reply@tasdeed.test', poolSize: 0 });
});

afterEach(async () => {
  mailer.close();
  await simulator.close();
});

describe('mail simulator inbox', () => {
  it('lists messages newest first and shows one with its HTML sandboxed, its text and its attachments', async () => {
    await mailer.sendEmail({ to: 'first@example.test', subject: 'First notice', html: '<p>one</p>', text: 'one' });
    await mailer.sendEmail({
      to: 'second@example.test',
      subject: 'إشعار مخالفة',
      html: '<p>Fine <script>alert(1)</script> "quoted"</p>',
      text: 'Fine 15.000 KWD',
      attachments: [{ filename: 'مخالفة.txt', content: Buffer.from('violation 42'), contentType: 'text/plain' }],
    });

    const list = await (await fetch(`${simulator.httpUrl}/`)).text();
    expect(list.indexOf('إشعار مخالفة')).toBeGreaterThan(0);
    expect(list.indexOf('First notice')).toBeGreaterThan(list.indexOf('إشعار مخالفة'));
    expect(list).toContain('second@example.test');

    const json = (await (await fetch(`${simulator.httpUrl}/messages`)).json()) as { id: string; subject: string; attachments: { url: string; size: number }[] }[];
    expect(json.map((m) => m.subject)).toEqual(['First notice', 'إشعار مخالفة']);
    const second = json[1]!;
    expect(second.attachments).toEqual([expect.objectContaining({ size: 12, url: `/messages/${second.id}/attachments/0` })]);
    expect(JSON.stringify(second)).not.toContain('"content"');

    const view = await fetch(`${simulator.httpUrl}/messages/${second.id}`);
    expect(view.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await view.text();
    expect(html).toContain('<iframe sandbox="" title="HTML body" srcdoc="&#60;p&#62;Fine &#60;script&#62;alert(1)&#60;/script&#62; &#34;quoted&#34;&#60;/p&#62;"></iframe>');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Fine 15.000 KWD');

    const download = await fetch(`${simulator.httpUrl}${second.attachments[0]!.url}`);
    expect(download.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('مخالفة.txt')}`);
    expect(await download.text()).toBe('violation 42');
    expect((await fetch(`${simulator.httpUrl}/messages/${second.id}/attachments/5`)).status).toBe(404);
  });
});
