// The client against a real HTTP server on loopback, standing in for the API on paths the portal really calls:
// what the person would see for each kind of failure, and what is sent.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { answer, createApiClient, serializeQuery, type ApiClient } from './client.js';

let server: FastifyInstance;
let baseUrl: string;
let client: ApiClient;
const seen: Array<{ url: string; headers: Record<string, unknown> }> = [];
const bodies: unknown[] = [];

beforeAll(async () => {
  server = Fastify();
  server.addHook('onRequest', async (request) => {
    seen.push({ url: request.url, headers: request.headers });
  });
  server.get('/api/v1/dues', async (request, reply) => {
    const { civilId } = request.query as { civilId?: string };
    if (civilId !== '289011200032') {
      return reply.status(400).send({ code: 'civil_id_invalid', message: { ar: 'الرقم المدني غير صحيح.', en: 'The civil ID is not valid.' }, details: { problem: 'check_digit' } });
    }
    return { payables: [], held: [], total: '0.000', heldTotal: '0.000', currency: 'KWD' };
  });
  server.post('/api/v1/checkout', async (request) => {
    bodies.push(request.body);
    return { paymentId: 'pay_1', status: 'pending', redirectUrl: null, amount: '1.000', currency: 'KWD' };
  });
  server.put('/api/v1/me/language', async (request, reply) => {
    bodies.push(request.body);
    return reply.status(204).send();
  });
  server.get('/api/v1/demo', async (_request, reply) => reply.status(429).send({ code: 'rate_limited', message: { ar: 'طلبات كثيرة.', en: 'Too many requests.' } }));
  server.get('/api/v1/auth/me', async (_request, reply) => reply.status(401).send({ code: 'unauthenticated', message: { ar: 'سجّل الدخول.', en: 'Sign in.' } }));
  server.get('/api/v1/billers', async (_request, reply) => reply.status(502).type('text/html').send('<html>Bad gateway</html>'));
  // A captive portal or a proxy answering 200 with its own page.
  server.get('/api/v1/violation-types', async (_request, reply) => reply.type('text/html').send('<html>Sign in to the Wi-Fi</html>'));
  baseUrl = await server.listen({ port: 0, host: '127.0.0.1' });
  client = createApiClient({ baseUrl, language: () => 'ar' });
});

afterAll(async () => {
  await server.close();
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('the API client', () => {
  it('returns the JSON body of a success and sends the language and query, without empty parameters', async () => {
    const dues = await answer(client.GET('/api/v1/dues', { params: { query: { civilId: '289011200032', plate: '' } } }));
    expect(dues.total).toBe('0.000');
    const request = seen.at(-1)!;
    expect(request.url).toBe('/api/v1/dues?civilId=289011200032');
    expect(request.headers['accept-language']).toBe('ar');
    expect(request.headers.accept).toBe('application/json');
  });

  it('sends the cookies of the same origin', async () => {
    const requests: Request[] = [];
    const spying = createApiClient({ baseUrl, fetch: async (input) => { requests.push(input as Request); return fetch(input); } });
    await answer(spying.GET('/api/v1/dues', { params: { query: { civilId: '289011200032' } } }));
    expect(requests[0]!.credentials).toBe('same-origin');
  });

  it('turns the API error body into a message in the person language, with a next step', async () => {
    const error = await failure(answer(client.GET('/api/v1/dues', { params: { query: { civilId: '289011200033' } } })));
    expect(error.status).toBe(400);
    expect(error.code).toBe('civil_id_invalid');
    expect(error.messageIn('ar')).toBe('الرقم المدني غير صحيح.');
    expect(error.messageIn('en')).toBe('The civil ID is not valid.');
    expect(error.nextStep).toBe('correct_input');
    expect(error.details).toEqual({ problem: 'check_digit' });
  });

  it('throws even when the caller does not read the answer through answer()', async () => {
    await failure(client.GET('/api/v1/auth/me'));
  });

  it('tells a signed-out person to sign in and a hurried one to wait', async () => {
    expect((await failure(answer(client.GET('/api/v1/auth/me')))).nextStep).toBe('sign_in');
    expect((await failure(answer(client.GET('/api/v1/demo')))).nextStep).toBe('wait');
  });

  it('uses its own words when the answer is not the API (a proxy page)', async () => {
    const error = await failure(answer(client.GET('/api/v1/billers')));
    expect(error.status).toBe(502);
    expect(error.code).toBe('service_unavailable');
    expect(error.messageIn('ar')).toMatch(/غير متاحة/);
    expect(error.messageIn('en')).not.toMatch(/html|502/i);
    expect(error.nextStep).toBe('retry');
  });

  it('does not take a web page answered with 200 for the API answer', async () => {
    const error = await failure(answer(client.GET('/api/v1/violation-types')));
    expect(error.code).toBe('unexpected_response');
  });

  it('says the service could not be reached when nothing answers', async () => {
    const closed = Fastify();
    const closedUrl = await closed.listen({ port: 0, host: '127.0.0.1' });
    await closed.close();
    const error = await failure(answer(client.GET('/api/v1/billers', { baseUrl: closedUrl })));
    expect(error.code).toBe('network_unavailable');
    expect(error.status).toBe(0);
    expect(error.messageIn('en')).toMatch(/internet connection/);
  });

  it('leaves a cancelled call a cancellation, not a failure to show', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await answer(client.GET('/api/v1/billers', { signal: controller.signal })).then(() => null, (e: unknown) => e);
    expect(error).not.toBeInstanceOf(ApiError);
    expect((error as Error).name).toBe('AbortError');
  });

  it('posts JSON with the headers asked for', async () => {
    const started = await answer(client.POST('/api/v1/checkout', { body: { payableIds: ['pay_1'] }, params: { header: { 'idempotency-key': 'key-0001' } } }));
    expect(started.paymentId).toBe('pay_1');
    expect(bodies.at(-1)).toEqual({ payableIds: ['pay_1'] });
    expect(seen.at(-1)!.headers['idempotency-key']).toBe('key-0001');
    expect(seen.at(-1)!.headers['content-type']).toMatch(/application\/json/);
  });

  it('puts JSON and reads an empty 204 answer as nothing', async () => {
    const nothing = await answer(client.PUT('/api/v1/me/language', { body: { language: 'en' } }));
    expect(nothing).toBeUndefined();
    expect(bodies.at(-1)).toEqual({ language: 'en' });
    expect(seen.at(-1)!.url).toBe('/api/v1/me/language');
    expect(seen.at(-1)!.headers['content-type']).toMatch(/application\/json/);
  });

  it('leaves out empty query parameters', () => {
    expect(serializeQuery({ civilId: '1', plate: '', meterNumber: null, accountNumber: undefined, limit: 100 })).toBe('civilId=1&limit=100');
    expect(serializeQuery({})).toBe('');
  });
});
