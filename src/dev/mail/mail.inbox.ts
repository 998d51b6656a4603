// The mail simulator's inbox page: messages newest first (subject, to, date), each viewable with its HTML in a
// sandboxed iframe (no scripts, no same-origin, no forms), its text, and its attachments to download. JSON at
// /messages (attachments listed with a download link, not inlined).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenHttp } from '../http-listen.js';
import type { MailSimulator, ReceivedEmail } from './mail.simulator.js';

// The view page and the iframe inside it (srcdoc inherits it): nothing runs, nothing loads but images and styles.
const VIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data: http: https:; frame-src 'self'";

export async function startMailInbox(simulator: MailSimulator, options: { port: number; host: string }): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => handle(simulator, request, response));
  return listenHttp(server, options);
}

function handle(simulator: MailSimulator, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET') return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  const messages = simulator.messages();
  if (path === '/') return send(response, 200, 'text/html; charset=utf-8', listPage(messages));
  if (path === '/messages') return send(response, 200, 'application/json', JSON.stringify(messages.map(presentJson)));
  const match = /^\/messages\/([0-9a-f]+)(?:\/attachments\/(\d+))?$/.exec(path);
  const message = match ? messages.find((m) => m.id === match[1]) : undefined;
  if (!match || !message) return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
  if (match[2] === undefined) {
    response.setHeader('content-security-policy', VIEW_CSP);
    return send(response, 200, 'text/html; charset=utf-8', viewPage(message));
  }
  const attachment = message.attachments[Number(match[2])];
  if (!attachment) return send(response, 404, 'text/plain; charset=utf-8', 'Not found');
  const filename = attachment.filename ?? `attachment-${match[2]}`;
  response.writeHead(200, {
    'content-type': attachment.contentType,
    'content-length': attachment.content.length,
    'content-disposition': `attachment; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
    'x-content-type-options': 'nosniff',
  }).end(attachment.content);
}

function presentJson(message: ReceivedEmail): Record<string, unknown> {
  return {
    ...message,
    attachments: message.attachments.map((attachment, index) => ({
      filename: attachment.filename,
      contentType: attachment.contentType,
      size: attachment.size,
      url: `/messages/${message.id}/attachments/${index}`,
    })),
  };
}

function listPage(messages: ReceivedEmail[]): string {
  const rows = [...messages].reverse().map((m) => `<tr>
  <td><a href="/messages/${m.id}" dir="auto">${escape(m.subject || '(no subject)')}</a></td>
  <td>${escape(m.to.join(', ') || m.envelope.to.join(', '))}</td>
  <td><time>${escape(m.date ?? m.receivedAt)}</time></td>
  <td>${m.attachments.length ? `📎 ${m.attachments.length}` : ''}</td>
</tr>`).join('\n');
  return page('Mail (simulator)', '<meta http-equiv="refresh" content="3">', `
<h1>Mail <small>simulator · ${messages.length} received</small></h1>
<p><a href="/messages">JSON</a></p>
${messages.length ? `<table><thead><tr><th>Subject</th><th>To</th><th>Date</th><th></th></tr></thead><tbody>${rows}</tbody></table>` : '<p>No messages yet.</p>'}`);
}

function viewPage(message: ReceivedEmail): string {
  const headerRows = [['From', message.from ?? message.envelope.from], ['To', message.to.join(', ')], ['Subject', message.subject], ['Date', message.date ?? ''], ['Message-ID', message.messageId ?? ''], ['List-Unsubscribe', message.headers['list-unsubscribe'] ?? '']]
    .filter(([, value]) => value)
    .map(([name, value]) => `<tr><th>${name}</th><td dir="auto">${escape(value!)}</td></tr>`).join('');
  const attachments = message.attachments.map((a, index) => `<li><a href="/messages/${message.id}/attachments/${index}" download>${escape(a.filename ?? `attachment-${index}`)}</a> <small>${escape(a.contentType)}, ${a.size} bytes</small></li>`).join('');
  return page(message.subject || 'Message', '', `
<p><a href="/">← Inbox</a></p>
<table class="headers">${headerRows}</table>
${message.html ? `<h2>HTML</h2><iframe sandbox="" title="HTML body" srcdoc="${escape(message.html)}"></iframe>` : ''}
${message.text ? `<h2>Text</h2><pre dir="auto">${escape(message.text)}</pre>` : ''}
${attachments ? `<h2>Attachments</h2><ul>${attachments}</ul>` : ''}`);
}

function page(title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>${head}
<style>
body{font-family:system-ui,"Noto Naskh Arabic",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1d2329}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d0d7de;padding:.4rem;text-align:start;vertical-align:top}
.headers th{width:9rem;color:#57606a}iframe{width:100%;height:32rem;border:1px solid #d0d7de;border-radius:.5rem}
pre{white-space:pre-wrap;unicode-bidi:plaintext;background:#f6f8fa;padding:1rem;border-radius:.5rem}
</style></head><body>${body}</body></html>`;
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}
