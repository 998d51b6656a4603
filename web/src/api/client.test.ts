// The client against a real HTTP server on loopback: what the person would see for each kind of failure.
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from './api-error.js';
import { buildUrl, createApiClient } from './client.js';

let server: FastifyInstance;
let baseUrl: string;
const seen: Array<{ url: string; headers: Record<string, unknown>; body: unknown }> = [];

beforeAll(async () => {
  server = Fastify();
  server.addHook('onRequest', async (request) => {
    seen.push({ url: request.url, headers: request.headers, body: undefined });
  });
  server.get('/api/v1/dues', async (request, reply) => {
    const { civilId } = request.query as { civilId?: string };
    if (civilId !== '289011200032') {
      return reply.status(400).send({ code: 'civil_id_invalid', message: { ar: 'الرقم المدني غير صحيح.', en: 'The civil ID is not valid.' }, details: { problem: 'check_digit' } });
    }
    return { payables: [], total: '0.000' };
  });
  server.post('/api/v1/echo', async (request) => ({ received: request.body }));
  server.put('/api/v1/me/language', async (_request, reply) => reply.status(204).send());
  server.get('/api/v1/limited', async (_request, reply) => reply.status(429).send({ code: 'rate_limited', message: { ar: 'طلبات كثيرة.', en: 'Too many requests.' } }));
  server.get('/api/v1/me', async (_request, reply) => reply.status(401).send({ code: 'unauthenticated', message: { ar: 'سجّل الدخول.', en: 'Sign in.' } }));
  server.get('/api/v1/proxy-error', async (_request, reply) => reply.status(502).type('text/html').send('<html>Bad gateway</html>'));
  baseUrl = await server.listen({ port: 0, host: '127.0.0.1' });
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
  const client = createApiClient({ baseUrl: '', language: () => 'ar' });
  const at = (path: string) => `${baseUrl}${path}`;

  it('returns the JSON body of a success and sends the language and query', async () => {
    const dues = await client.get<{ total: string }>(at('/api/v1/dues'), { civilId: '289011200032', plate: undefined });
    expect(dues.total).toBe('0.000');
    const request = seen.at(-1)!;
    expect(request.url).toBe('/api/v1/dues?civilId=289011200032');
    expect(request.headers['accept-language']).toBe('ar');
  });

  it('turns the API error body into a message in the person language, with a next step', async () => {
    const error = await failure(client.get(at('/api/v1/dues'), { civilId: '289011200033' }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('civil_id_invalid');
    expect(error.messageIn('ar')).toBe('الرقم المدني غير صحيح.');
    expect(error.messageIn('en')).toBe('The civil ID is not valid.');
    expect(error.nextStep).toBe('correct_input');
    expect(error.details).toEqual({ problem: 'check_digit' });
  });

  it('tells a signed-out person to sign in and a hurried one to wait', async () => {
    expect((await failure(client.get(at('/api/v1/me')))).nextStep).toBe('sign_in');
    expect((await failure(client.get(at('/api/v1/limited')))).nextStep).toBe('wait');
  });

  it('uses its own words when the answer is not the API (a proxy page)', async () => {
    const error = await failure(client.get(at('/api/v1/proxy-error')));
    expect(error.status).toBe(502);
    expect(error.code).toBe('service_unavailable');
    expect(error.messageIn('ar')).toMatch(/غير متاحة/);
    expect(error.messageIn('en')).not.toMatch(/html|502/i);
    expect(error.nextStep).toBe('retry');
  });

  it('says the service could not be reached when nothing answers', async () => {
    const closed = Fastify();
    const closedUrl = await closed.listen({ port: 0, host: '127.0.0.1' });
    await closed.close();
    const error = await failure(client.get(`${closedUrl}/api/v1/dues`));
    expect(error.code).toBe('network_unavailable');
    expect(error.status).toBe(0);
    expect(error.messageIn('en')).toMatch(/internet connection/);
  });

  it('posts JSON', async () => {
    const answer = await client.post<{ received: unknown }>(at('/api/v1/echo'), { payableIds: ['pay_1'] }, { 'idempotency-key': 'k1' });
    expect(answer.received).toEqual({ payableIds: ['pay_1'] });
    expect(seen.at(-1)!.headers['idempotency-key']).toBe('k1');
    expect(seen.at(-1)!.headers['content-type']).toMatch(/application\/json/);
  });

  it('puts JSON and reads an empty 204 answer as nothing', async () => {
    const answer = await client.put(at('/api/v1/me/language'), { language: 'en' });
    expect(answer).toBeUndefined();
    expect(seen.at(-1)!.url).toBe('/api/v1/me/language');
    expect(seen.at(-1)!.headers['content-type']).toMatch(/application\/json/);
  });

  it('builds URLs without empty parameters', () => {
    expect(buildUrl('', '/api/v1/dues', { civilId: '1', plate: '', meterNumber: null })).toBe('/api/v1/dues?civilId=1');
    expect(buildUrl('http://x', '/a')).toBe('http://x/a');
  });
});
