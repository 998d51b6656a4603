// What every browser journey file starts with: the whole server, Chromium, and the file's browser contexts, made
// before its tests (beforeAll) and closed after them (afterAll), in that order.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { Contexts } from './portal.js';
import { startServerUnderTest, type ServerUnderTest } from './server.js';

export interface PortalUnderTest {
  server: ServerUnderTest;
  browser: Browser;
  contexts: Contexts;
}

export function portalUnderTest(): PortalUnderTest {
  const portal = {} as PortalUnderTest;
  beforeAll(async () => {
    portal.server = await startServerUnderTest();
    portal.browser = await launchChromium();
    portal.contexts = new Contexts(portal.browser, portal.server.url);
  });
  afterAll(async () => {
    await portal.contexts?.closeAll();
    await portal.browser?.close();
    await portal.server?.close();
  });
  return portal;
}
