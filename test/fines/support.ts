// Helpers for the fines tests: a camera's signed request, a violation body, outbox and ledger peeks.
import type { FastifyInstance } from 'fastify';
import { and, eq, sql } from 'drizzle-orm';
import { DEMO_API_CLIENTS } from '../../src/db/seed/demo-accounts.js';
import { outbox } from '../../src/db/schema/index.js';
import { signRequest } from '../../src/modules/identity/secrets.js';
import type { Ctx } from '../../src/platform/context.js';

export const demoCamera = DEMO_API_CLIENTS.find((c) => c.role === 'camera')!;

export function signedHeaders(method: string, path: string, body: string, at: Date, client: { keyId: string; secret: string } = demoCamera): Record<string, string> {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  return {
    'content-type': 'application/json',
    'x-tasdeed-key': client.keyId,
    'x-tasdeed-timestamp': timestamp,
    'x-tasdeed-signature': signRequest(client.secret, method, path, timestamp, body),
  };
}

/** POSTs a violation as the demo camera network, signed with its key. */
export function cameraPost(app: FastifyInstance, body: object, at: Date) {
  const payload = JSON.stringify(body);
  return app.inject({ method: 'POST', url: '/api/v1/violations', payload, headers: signedHeaders('POST', '/api/v1/violations', payload, at) });
}

let counter = 0;
export function violationBody(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    violationNumber: `T-${Date.now()}-${counter}`,
    plate: '12/34567',
    typeCode: 'red-light',
    occurredAt: '2026-03-14T21:05:00+03:00',
    place: { text: 'شارع تونس، حولي', textEn: 'Tunis Street, Hawalli', latitude: 29.3399, longitude: 48.0297 },
    evidenceRef: 'cam://KW-HWL-017/2026-03-14/000123.jpg',
    ...overrides,
  };
}

export async function outboxEvents(ctx: Ctx, topic: string) {
  return ctx.db.select().from(outbox).where(eq(outbox.topic, topic)).orderBy(outbox.id);
}

export async function outboxEventsFor(ctx: Ctx, topic: string, key: string, value: string) {
  return ctx.db.select().from(outbox).where(and(eq(outbox.topic, topic), sql`${outbox.payload}->>${key} = ${value}`)).orderBy(outbox.id);
}
