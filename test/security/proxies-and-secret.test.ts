// Issue #15, points 4 and 7: a forged X-Forwarded-For must not buy a fresh rate limit or a false address in the
// audit log, and the server must not sign links with the secret written in the source where others can reach it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { createTestApp, testConfig, type TestApp } from '../support/app.js';
import { loadConfig } from '../../src/config.js';
import { startTasdeed } from '../../src/server.js';
import { SECRET_FILE, settleSecret } from '../../src/server-secret.js';
import { unsubscribeToken, verifyUnsubscribeToken } from '../../src/modules/notifications/unsubscribe.js';

describe('X-Forwarded-For from anyone but a trusted proxy is ignored', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seeded: 'demo', config: { INQUIRY_RATE_LIMIT_PER_MINUTE: 3, TRUSTED_PROXIES: '10.0.0.1, 10.9.0.0/16' } });
  });
  afterAll(async () => t?.close());
  const civilId = () => t.seeded!.people[0]!.civilId;

  it('a new forged header on each inquiry does not reset the per-client limit', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await t.app.inject({ url: `/api/v1/dues?civilId=${civilId()}`, remoteAddress: '203.0.113.5', headers: { 'x-forwarded-for': `198.18.0.${i}` } });
      codes.push(response.statusCode);
    }
    expect(codes.slice(0, 3)).toEqual([200, 200, 200]);
    expect(codes.slice(3)).toEqual([429, 429, 429]);
  });

  it("a trusted proxy's header names the client", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await t.app.inject({ url: `/api/v1/dues?civilId=${civilId()}`, remoteAddress: i % 2 ? '10.0.0.1' : '10.9.3.4', headers: { 'x-forwarded-for': `198.19.0.${i}` } });
      codes.push(response.statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 200, 200]);
  });

  it('the audit log records the real address, not the forged one', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: 'admin', password: 'not-the-password' }, remoteAddress: '203.0.113.9', headers: { 'x-forwarded-for': '1.2.3.4' } });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload: { username: 'admin', password: 'not-the-password' }, remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': '198.51.100.44' } });
    const result = await t.ctx.db.execute(sql`SELECT ip FROM audit_log WHERE action = 'auth.login' AND outcome = 'refused' ORDER BY id`);
    const ips = (result as unknown as { rows: { ip: string }[] }).rows.map((r) => r.ip);
    expect(ips).toEqual(['203.0.113.9', '198.51.100.44']);
  });

  it('refuses a TRUSTED_PROXIES value that is not an address or range', () => {
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.1,proxy.local' })).toThrow(/TRUSTED_PROXIES: not an IP address or CIDR range: proxy\.local/);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
  });
});

describe('TASDEED_SECRET', () => {
  it('refuses to listen on a non-loopback address without it', async () => {
    await expect(startTasdeed({ port: 0, host: '0.0.0.0', dataDir: 'memory://', config: { LOG_LEVEL: 'silent' } })).rejects.toThrow(/TASDEED_SECRET: required to listen on 0\.0\.0\.0/);
  });

  it('a link forged with the secret in the source is refused by a demo server, whose secret is its own and kept per data directory', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tasdeed-secret-'));
    try {
      const first = testConfig({ TASDEED_DATA_DIR: dir });
      const developmentSecret = first.secret;
      await settleSecret(first, { host: '0.0.0.0', demo: true, listens: true });
      expect(first.secret).not.toBe(developmentSecret);
      expect(first.secret.length).toBeGreaterThanOrEqual(32);
      expect((await stat(join(dir, SECRET_FILE))).mode & 0o077).toBe(0); // readable by its owner only
      // A restart over the same data keeps it, so the links already sent stay valid.
      const second = testConfig({ TASDEED_DATA_DIR: dir });
      await settleSecret(second, { host: '0.0.0.0', demo: true, listens: true });
      expect(second.secret).toBe(first.secret);
      expect((await readFile(join(dir, SECRET_FILE), 'utf8')).trim()).toBe(first.secret);
      const forged = unsubscribeToken(developmentSecret, 'per_victim', 'bills');
      expect(verifyUnsubscribeToken(second.secret, forged)).toBeNull();
      expect(verifyUnsubscribeToken(second.secret, unsubscribeToken(second.secret, 'per_victim', 'bills'))).not.toBeNull();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('loopback without the secret still starts (development)', async () => {
    const config = testConfig();
    await expect(settleSecret(config, { host: '127.0.0.1', demo: false, listens: true })).resolves.toBeUndefined();
    await expect(settleSecret(config, { host: '::1', demo: false, listens: true })).resolves.toBeUndefined();
  });
});
