// `tasdeed demo camera`: signed reports over real HTTP (loopback) to a listening Tasdeed, on the demo plates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { createTestApp, type TestApp } from '../support/app.js';
import { seedDemo } from '../../src/db/seed/index.js';
import { runDemoCamera } from '../../src/cli/demo-camera.command.js';
import { demoPlate } from '../../src/modules/fines/demo-data.js';
import { outboxEvents } from './support.js';

let t: TestApp;
let url: string;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx, { people: 5 });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => t?.close());

describe('demo camera', () => {
  it('posts signed violations on the demo plates, each recorded and noticed to its owner', async () => {
    const noticesBefore = (await outboxEvents(t.ctx, 'violation.recorded')).length;
    const lines: string[] = [];
    const summary = await runDemoCamera({ url, rate: 50, count: 4, people: 5 }, (line) => lines.push(line));
    expect(summary).toEqual({ sent: 4, recorded: 4, failed: 0 });
    expect(lines.every((line) => line.startsWith('201 CAM-'))).toBe(true);
    const notices = (await outboxEvents(t.ctx, 'violation.recorded')).slice(noticesBefore);
    expect(notices).toHaveLength(4);
    const demoPlates = new Set([0, 1, 2, 3, 4].map((i) => demoPlate(i, 0)).concat(demoPlate(0, 1)));
    for (const notice of notices) expect(demoPlates.has((notice.payload as { vars: { plate: string } }).vars.plate)).toBe(true);
  });

  it('reports refusals when signing with the wrong secret', async () => {
    const lines: string[] = [];
    const summary = await runDemoCamera({ url, rate: 50, count: 2, secret: 'wrong-secret' }, (line) => lines.push(line));
    expect(summary).toEqual({ sent: 2, recorded: 0, failed: 2 });
    expect(lines[0]).toMatch(/^401 .*signature_invalid/);
  });
});
