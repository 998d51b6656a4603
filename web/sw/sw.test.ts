// The service worker's rules, run in Node against in-memory caches and network (the browser test, test/e2e/pwa.test.ts,
// runs it for real): a build's shell goes into that build's cache; activating deletes the older builds' shells and
// nothing else; server paths and other sites are left alone; pages fall back to the shell only when the network
// fails; shell files answer from the cache; hashed assets met later are kept; nothing else is.
import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

const ORIGIN = 'https://portal.test';
const SOURCE = readFileSync(new URL('./sw.js', import.meta.url), 'utf8');

interface FakeRequest { url: string; method?: string; mode?: string; cache?: string }
type Listener = (event: Record<string, unknown>) => void;

/** CacheStorage in memory: each cache maps an absolute URL (without its query) to a response body. */
function memoryCaches() {
  const stores = new Map<string, Map<string, Response>>();
  const keyOf = (request: FakeRequest | string) => new URL(typeof request === 'string' ? request : request.url, ORIGIN).href.split('?')[0]!;
  const open = async (name: string) => {
    if (!stores.has(name)) stores.set(name, new Map());
    const store = stores.get(name)!;
    return {
      match: async (request: FakeRequest | string) => store.get(keyOf(request))?.clone(),
      put: async (request: FakeRequest | string, response: Response) => void store.set(keyOf(request), response),
      addAll: async (requests: FakeRequest[]) => {
        for (const request of requests) store.set(keyOf(request), await network.fetch(request));
      },
    };
  };
  const network = { fetch: async (_request: FakeRequest): Promise<Response> => new Response('') };
  return {
    stores, network,
    api: {
      open,
      keys: async () => [...stores.keys()],
      delete: async (name: string) => stores.delete(name),
      match: async (request: string, options: { cacheName: string }) => stores.get(options.cacheName)?.get(keyOf(request))?.clone(),
    },
  };
}

function startWorker(version: string, precache: string[], caches: ReturnType<typeof memoryCaches>, fetchImpl: (request: FakeRequest) => Promise<Response>) {
  const listeners: Record<string, Listener> = {};
  const fetched: string[] = [];
  caches.network.fetch = async (request) => {
    fetched.push(new URL(request.url, ORIGIN).pathname);
    return fetchImpl(request);
  };
  const self = {
    location: { origin: ORIGIN },
    addEventListener: (type: string, listener: Listener) => void (listeners[type] = listener),
    skipWaiting: async () => undefined,
    clients: { claim: async () => undefined },
  };
  // The build's header, as web/sw/service-worker-plugin.ts writes it, then the hand-written worker.
  const code = `const VERSION = ${JSON.stringify(version)};\nconst PRECACHE = ${JSON.stringify(precache)};\n${SOURCE}`;
  // Request in the worker: a relative URL is the worker's origin's, and `cache: 'reload'` is kept for the check below.
  const WorkerRequest = function (this: FakeRequest, url: string, init: { cache?: string } = {}) {
    this.url = new URL(url, ORIGIN).href;
    this.cache = init.cache;
  };
  vm.runInNewContext(code, { self, caches: caches.api, fetch: (request: FakeRequest) => caches.network.fetch(request), Request: WorkerRequest, URL, Promise });

  const lifecycle = async (type: 'install' | 'activate') => {
    let done: Promise<unknown> = Promise.resolve();
    listeners[type]!({ waitUntil: (p: Promise<unknown>) => void (done = p) });
    await done;
  };
  const request = async (url: string, init: { method?: string; mode?: string } = {}) => {
    let answer: Promise<Response> | undefined;
    listeners.fetch!({ request: { url: new URL(url, ORIGIN).href, method: init.method ?? 'GET', mode: init.mode ?? 'cors' }, respondWith: (p: Promise<Response>) => void (answer = p) });
    return answer;
  };
  return { lifecycle, request, fetched };
}

const SHELL = ['/index.html', '/assets/index-AbC123.js', '/assets/index-DeF456.css', '/manifest.webmanifest'];
const served = async (request: FakeRequest) => new Response(`network:${new URL(request.url).pathname}`, { status: 200 });

describe('the portal service worker', () => {
  it("puts the build's shell into its own cache, fetched past the HTTP cache", async () => {
    const caches = memoryCaches();
    const modes: (string | undefined)[] = [];
    const worker = startWorker('v2', SHELL, caches, async (request) => {
      modes.push(request.cache);
      return served(request);
    });
    await worker.lifecycle('install');
    expect([...caches.stores.keys()]).toEqual(['tasdeed-shell-v2']);
    expect([...caches.stores.get('tasdeed-shell-v2')!.keys()].map((u) => new URL(u).pathname)).toEqual(SHELL);
    expect(modes).toEqual(SHELL.map(() => 'reload'));
  });

  it("deletes the older builds' shells when it activates, and no other cache", async () => {
    const caches = memoryCaches();
    await caches.api.open('tasdeed-shell-v1');
    await caches.api.open('someone-elses-cache');
    const worker = startWorker('v2', SHELL, caches, served);
    await worker.lifecycle('install');
    await worker.lifecycle('activate');
    expect((await caches.api.keys()).sort()).toEqual(['someone-elses-cache', 'tasdeed-shell-v2']);
  });

  it('leaves server paths, other methods and other sites to the network', async () => {
    const worker = startWorker('v2', SHELL, memoryCaches(), served);
    for (const url of ['/api/v1/auth/me', '/api', '/docs/json', '/health', '/ready', '/metrics', '/dev/knet', 'https://elsewhere.test/x.js']) {
      expect(await worker.request(url), url).toBeUndefined();
      expect(await worker.request(url, { mode: 'navigate' }), url).toBeUndefined();
    }
    expect(await worker.request('/assets/index-AbC123.js', { method: 'POST' })).toBeUndefined();
  });

  it('answers a page from the network, and with the cached shell only when the network fails', async () => {
    const caches = memoryCaches();
    let online = true;
    const worker = startWorker('v2', SHELL, caches, async (request) => {
      if (!online) throw new TypeError('Failed to fetch');
      return served(request);
    });
    await worker.lifecycle('install');
    expect(await (await worker.request('/staff/counter', { mode: 'navigate' }))!.text()).toBe('network:/staff/counter');
    online = false;
    expect(await (await worker.request('/staff/counter', { mode: 'navigate' }))!.text()).toBe('network:/index.html');
    // A file that is not in the shell fails offline as the network does.
    await expect(worker.request('/fonts/missing.woff2')).rejects.toThrow(/Failed to fetch/);
  });

  it('answers shell files from the cache, keeps hashed assets met later, and no other file', async () => {
    const caches = memoryCaches();
    const worker = startWorker('v2', SHELL, caches, served);
    await worker.lifecycle('install');
    worker.fetched.length = 0;
    expect(await (await worker.request('/assets/index-AbC123.js?v=1'))!.text()).toBe('network:/assets/index-AbC123.js');
    expect(worker.fetched).toEqual([]);
    await worker.request('/assets/font-Zz9.woff2').then((r) => r!.text());
    await worker.request('/robots.txt').then((r) => r!.text());
    expect(worker.fetched).toEqual(['/assets/font-Zz9.woff2', '/robots.txt']);
    const kept = [...caches.stores.get('tasdeed-shell-v2')!.keys()].map((u) => new URL(u).pathname);
    expect(kept).toContain('/assets/font-Zz9.woff2');
    expect(kept).not.toContain('/robots.txt');
  });
});
