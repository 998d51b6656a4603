// The simulator's inbox page: every SMS the application sent, newest first, Arabic right-to-left, refreshed every
// few seconds; JSON at /messages (and /inbound for what was injected); a small form to text the application from a
// pretend handset (e.g. STOP), on its own page so the refresh does not eat what you type.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenHttp } from '../http-listen.js';
import { recipientAddress } from '../../modules/notifications/index.js';
import type { SmscMessage, SmscSimulator } from './smsc.simulator.js';

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/;

export async function startSmscInbox(simulator: SmscSimulator, options: { port: number; host: string }): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    handle(simulator, request, response).catch((error: unknown) => send(response, 500, 'text/plain; charset=utf-8', String(error)));
  });
  return listenHttp(server, options);
}

async function handle(simulator: SmscSimulator, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://localhost').pathname;
  if (request.method === 'GET' && path === '/') return send(response, 200, 'text/html; charset=utf-8', inboxPage(simulator));
  if (request.method === 'GET' && path === '/messages') return send(response, 200, 'application/json', JSON.stringify(simulator.messages()));
  if (request.method === 'GET' && path === '/inbound') return send(response, 200, 'application/json', JSON.stringify(simulator.inbound()));
  if (request.method === 'GET' && path === '/inbound/new') return send(response, 200, 'text/html; charset=utf-8', injectPage());
  if (request.method === 'POST' && path === '/inbound') {
    const form = new URLSearchParams(await readBody(request));
    const from = form.get('from') ?? '';
    const to = form.get('to') || '1234';
    try {
      recipientAddress(from);
      recipientAddress(to);
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'Not sent: "from" and "to" must be phone numbers or a short code.');
    }
    // Not awaited: it completes when the application acknowledges, which may be after its next bind.
    simulator.injectInbound(from, form.get('text') ?? '', to).catch(() => {});
    response.writeHead(303, { location: '/' }).end();
    return;
  }
  send(response, 404, 'text/plain; charset=utf-8', 'Not found');
}

function inboxPage(simulator: SmscSimulator): string {
  const outgoing = simulator.messages().reverse();
  const incoming = simulator.inbound().reverse();
  const rows = outgoing.map(messageRow).join('\n') || '<p class="empty">No messages yet.</p>';
  const inboundRows = incoming.map((m) => `<li><span class="meta">${escape(m.injectedAt)} · ${escape(m.from)} → ${escape(m.to)} · ${m.status}</span>${textBlock(m.text)}</li>`).join('\n');
  return page('SMS centre (simulator)', `
<meta http-equiv="refresh" content="3">`, `
<h1>SMS centre <small>simulator · ${outgoing.length} sent</small></h1>
<p><a href="/inbound/new">Send a message from a handset</a> · <a href="/messages">JSON</a></p>
${rows}
${incoming.length ? `<h2>From handsets</h2><ul>${inboundRows}</ul>` : ''}`);
}

function messageRow(message: SmscMessage): string {
  const encoding = message.dataCoding === 0x08 ? 'UCS-2' : message.dataCoding === 0 ? 'GSM-7' : `data_coding ${message.dataCoding}`;
  return `<article class="${message.status}">
  <div class="meta">${escape(message.receivedAt)} · <b>${escape(message.from)}</b> → <b>${escape(message.to)}</b> · ${encoding} · ${message.segments} segment${message.segments === 1 ? '' : 's'} · <span class="status">${message.status}</span></div>
  ${textBlock(message.text)}
  <div class="ids">${message.messageIds.map(escape).join(' ')}</div>
</article>`;
}

function textBlock(text: string): string {
  const rtl = RTL.test(text);
  return `<p class="text" dir="${rtl ? 'rtl' : 'ltr'}"${rtl ? ' lang="ar"' : ''}>${escape(text)}</p>`;
}

function injectPage(): string {
  return page('Text the application', '', `
<h1>Text the application</h1>
<form method="post" action="/inbound">
  <label>From (handset) <input name="from" value="+96550000001" required></label>
  <label>To (our number) <input name="to" value="1234"></label>
  <label>Text <textarea name="text" dir="auto" rows="4" required>STOP</textarea></label>
  <button>Send</button>
</form>
<p><a href="/">Back to the inbox</a></p>`);
}

function page(title: string, head: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>${head}
<style>
body{font-family:system-ui,"Noto Naskh Arabic",sans-serif;margin:2rem auto;max-width:48rem;padding:0 1rem;color:#1d2329}
article{border:1px solid #d0d7de;border-radius:.5rem;padding:.75rem 1rem;margin:.75rem 0}
article.undelivered{border-color:#cf222e}.delivered .status{color:#1a7f37}.undelivered .status{color:#cf222e}
.meta,.ids{font-size:.8rem;color:#57606a}.text{font-size:1.1rem;white-space:pre-wrap;unicode-bidi:plaintext}
label{display:block;margin:.5rem 0}input,textarea{display:block;width:100%;font:inherit}
</style></head><body>${body}</body></html>`;
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

async function readBody(request: IncomingMessage, limit = 64 * 1024): Promise<string> {
  let body = '';
  for await (const chunk of request) {
    body += String(chunk);
    if (body.length > limit) throw new Error('form too large');
  }
  return body;
}
