// `tasdeed dev knet-sim`: a local stand-in for KNET's payment gateway that speaks the merchant protocol of manual
// K-064 — the hosted page at /kpg/PaymentHTTP.htm, the encrypted notification to the merchant's response URL with
// the `REDIRECT=` handshake, and action 8 inquiries and action 2 refunds at /kpg/tranPipe.htm — plus /sim/* endpoints for tests.
// Plain node:http keeps it independent of the application it is standing in for.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenHttp } from '../http-listen.js';
import { resourceKeyBytes } from '../../modules/payments/index.js';
import { KnetSimError, type KnetSimTerminal } from './knet-sim.protocol.js';
import { SIM_ACTIONS, answerTranPipe, completeTransaction, tranPipeAction, openPurchase, type SimAction, type SimContext } from './knet-sim.flow.js';
import { cardPage, errorPage, listPage, timeoutPage } from './knet-sim.pages.js';
import { SimTransactionStore } from './knet-sim.store.js';

export interface KnetSimulatorOptions extends KnetSimTerminal {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** How long to wait for the merchant's `REDIRECT=` answer before treating the handshake as failed. Default 15 s. */
  notifyTimeoutMs?: number;
}

export interface KnetSimulator {
  /** `http://host:port`, to use as the KNET gateway's `baseUrl`. */
  url: string;
  /**
   * Tests: makes action 8 inquiries wait (as a slow KNET would) until `release()`. `reached` resolves when the
   * first inquiry is waiting, so a test waits on that condition rather than on time.
   */
  holdInquiries(): InquiryHold;
  /** Tests: the next refund (action 2) is carried out, then the connection drops before the answer is sent. */
  dropNextRefundAnswer(): void;
  close(): Promise<void>;
}

export interface InquiryHold {
  reached: Promise<void>;
  release(): void;
}

const MAX_BODY_BYTES = 64 * 1024;

export async function startKnetSimulator(options: KnetSimulatorOptions): Promise<KnetSimulator> {
  resourceKeyBytes(options.resourceKey); // a wrong key length fails now, not on the first payment
  const closing = new AbortController();
  const ctx: SimContext = {
    terminal: { tranportalId: options.tranportalId, tranportalPassword: options.tranportalPassword, resourceKey: options.resourceKey },
    store: new SimTransactionStore(),
    notifyTimeoutMs: options.notifyTimeoutMs ?? 15_000,
    signal: closing.signal,
    now: () => new Date(),
  };
  const server = createServer((request, response) => {
    route(request, response, ctx).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof KnetSimError) return html(response, error.status, errorPage(error.code, error.text));
      send(response, 500, 'text/plain; charset=utf-8', `simulator error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  const started = await listenHttp(server, { port: options.port, host: options.host ?? '127.0.0.1' }, () => closing.abort());
  return { ...started, holdInquiries: () => holdInquiries(ctx), dropNextRefundAnswer: () => { ctx.dropNextRefundAnswer = true; } };
}

function holdInquiries(ctx: SimContext): InquiryHold {
  let reach!: () => void;
  let release!: () => void;
  const reached = new Promise<void>((resolve) => { reach = resolve; });
  const released = new Promise<void>((resolve) => { release = resolve; });
  ctx.signal.addEventListener('abort', () => release(), { once: true }); // closing never waits on a held inquiry
  ctx.inquiryHold = { arrived: () => reach(), released };
  return { reached, release: () => { if (ctx.inquiryHold?.released === released) ctx.inquiryHold = undefined; release(); } };
}

async function route(request: IncomingMessage, response: ServerResponse, ctx: SimContext): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://simulator');
  const method = request.method ?? 'GET';
  const path = url.pathname;

  if (path === '/kpg/PaymentHTTP.htm' && (method === 'GET' || method === 'POST')) {
    // Merchants redirect with GET; some kits POST the same fields as a form.
    const fields = method === 'POST' ? { ...queryObject(url), ...formObject(await readBody(request)) } : queryObject(url);
    if (fields.param !== 'paymentInit') return html(response, 400, errorPage('sim_bad_request', 'param must be paymentInit'));
    try {
      return html(response, 200, cardPage(openPurchase(fields, ctx)));
    } catch (error) {
      return simError(response, error, false);
    }
  }

  if (path === '/kpg/tranPipe.htm' && method === 'POST') {
    if (url.searchParams.get('param') !== 'tranInit') return send(response, 404, 'text/plain; charset=utf-8', 'unknown param');
    const body = await readBody(request);
    const hold = ctx.inquiryHold;
    // A test's hold slows inquiries only: a refund sent meanwhile is answered at once.
    if (hold && tranPipeAction(body) !== '2') {
      hold.arrived();
      await hold.released;
    }
    const { action, answer } = answerTranPipe(body, ctx);
    if (action === '2' && ctx.dropNextRefundAnswer) {
      // The refund is done at "KNET"; the merchant never hears so (a dropped connection).
      ctx.dropNextRefundAnswer = false;
      return void response.destroy();
    }
    return send(response, 200, 'application/xml; charset=utf-8', answer);
  }

  const pay = /^\/sim\/pay\/([0-9]+)$/.exec(path);
  if (pay && method === 'POST') return choose(request, response, pay[1]!, ctx);

  if (path === '/sim/transactions' && method === 'GET') {
    return send(response, 200, 'application/json; charset=utf-8', JSON.stringify({ transactions: ctx.store.list() }));
  }
  if (path === '/' && method === 'GET') return html(response, 200, listPage(ctx.store.list(), ctx.terminal.tranportalId));
  return send(response, 404, 'text/plain; charset=utf-8', 'not found');
}

/**
 * One endpoint for the card page's buttons (a form post: the browser is redirected) and for tests (JSON in, JSON
 * out): both run `completeTransaction`, so a test drives exactly what a customer's click does.
 */
async function choose(request: IncomingMessage, response: ServerResponse, paymentId: string, ctx: SimContext): Promise<void> {
  const json = (request.headers['content-type'] ?? '').includes('application/json');
  const body = await readBody(request);
  let action: unknown;
  try {
    action = json ? (JSON.parse(body) as { action?: unknown }).action : formObject(body).action;
  } catch {
    action = undefined;
  }
  try {
    if (typeof action !== 'string' || !SIM_ACTIONS.includes(action as SimAction)) {
      throw new KnetSimError('sim_bad_request', `action must be one of ${SIM_ACTIONS.join(', ')}`);
    }
    const outcome = await completeTransaction(paymentId, action as SimAction, ctx);
    if (json) return send(response, 200, 'application/json; charset=utf-8', JSON.stringify(outcome));
    if (outcome.redirectUrl) {
      response.writeHead(303, { location: outcome.redirectUrl });
      return void response.end();
    }
    return html(response, 200, timeoutPage(outcome.transaction));
  } catch (error) {
    return simError(response, error, json);
  }
}

function simError(response: ServerResponse, error: unknown, json: boolean): void {
  if (!(error instanceof KnetSimError)) throw error;
  if (json) return send(response, error.status, 'application/json; charset=utf-8', JSON.stringify({ error: { code: error.code, text: error.text } }));
  return html(response, error.status, errorPage(error.code, error.text));
}

function queryObject(url: URL): Record<string, string> {
  return Object.fromEntries(url.searchParams);
}

function formObject(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new KnetSimError('sim_bad_request', 'request body too large', 413);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function html(response: ServerResponse, status: number, page: string): void {
  send(response, status, 'text/html; charset=utf-8', page);
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}
