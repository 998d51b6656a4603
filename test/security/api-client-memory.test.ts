// A machine client that signed correctly is remembered for API_CLIENT_CACHE_SECONDS (no read of api_clients per
// signed payment). What must still hold: a new secret works at once, a wrong signature is refused and audited, and
// with the memory off (0) a client deactivated in the database is refused on its next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestApp, type TestApp } from '../support/app.js';
import { apiClients, auditLog } from '../../src/db/schema/index.js';
import { systemActor } from '../../src/platform/actor.js';
import type { Ctx } from '../../src/platform/context.js';
import { createApiClient } from '../../src/modules/identity/identity.service.js';
import { actorFromSignedRequest } from '../../src/modules/identity/api-clients.service.js';
import { encryptSecret, signRequest } from '../../src/modules/identity/secrets.js';
import { refusalCode } from '../support/errors.js';

let remembering: TestApp;
let forgetting: TestApp;

beforeAll(async () => {
  remembering = await createTestApp({ now: '2026-11-22T09:00:00Z' });
  forgetting = await createTestApp({ now: '2026-11-22T09:00:00Z', config: { API_CLIENT_CACHE_SECONDS: 0 } });
});
afterAll(async () => {
  await remembering?.close();
  await forgetting?.close();
});

function signed(ctx: Ctx, keyId: string, secret: string, path = '/api/v1/payments') {
  const timestamp = String(Math.floor(ctx.clock.now().getTime() / 1000));
  const rawBody = '{"externalId":"x"}';
  return actorFromSignedRequest(ctx, { keyId, timestamp, signature: signRequest(secret, 'POST', path, timestamp, rawBody), method: 'POST', pathWithQuery: path, rawBody });
}


describe('remembered machine clients', () => {
  it('accept a secret sealed again at once, and refuse (and audit) a wrong signature even while remembered', async () => {
    const { ctx } = remembering;
    const client = await createApiClient(ctx, systemActor('test'), { name: 'Bank A', role: 'bank' });
    expect(await signed(ctx, client.keyId, client.secret)).toMatchObject({ kind: 'client', id: client.id, role: 'bank' });

    const newSecret = 'a-new-secret-for-bank-a-0123456789abcdef';
    await ctx.db.update(apiClients).set({ secretCiphertext: encryptSecret(newSecret, ctx.config.secret) }).where(eq(apiClients.id, client.id));
    expect(await signed(ctx, client.keyId, newSecret)).toMatchObject({ kind: 'client', id: client.id });

    expect(await refusalCode(signed(ctx, client.keyId, 'not-the-secret-of-anyone-0123456789abcd'))).toBe('signature_invalid');
    const audited = await ctx.db.select().from(auditLog).where(and(eq(auditLog.action, 'api_client.signature'), eq(auditLog.entityId, client.id)));
    expect(audited.map((row) => (row.detail as { reason: string }).reason)).toContain('bad_signature');
  });

  it('with the memory off, refuse a client deactivated in the database on its next request', async () => {
    const { ctx } = forgetting;
    const client = await createApiClient(ctx, systemActor('test'), { name: 'Bank B', role: 'bank' });
    expect(await signed(ctx, client.keyId, client.secret)).toMatchObject({ kind: 'client', id: client.id });
    await ctx.db.update(apiClients).set({ active: false }).where(eq(apiClients.id, client.id));
    expect(await refusalCode(signed(ctx, client.keyId, client.secret))).toBe('signature_invalid');
  });
});
