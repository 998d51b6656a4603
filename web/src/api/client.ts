// The portal's client for the Tasdeed API: openapi-fetch over the paths generated from the server's OpenAPI
// document (schema.d.ts, `npm run generate:api`), so a path, its parameters, its body and its answer are checked
// against the server at compile time. Same-origin, cookies included (the session cookie is httpOnly), JSON in and
// out. Any failure is thrown as an ApiError whose message is ready to show in the person's language; a call
// therefore either gives its answer or throws, and `answer()` reads the answer.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { apiErrorFrom, fallbackError } from './api-error.js';
import type { paths } from './schema.js';

export type ApiClient = Client<paths, 'application/json'>;

export interface ApiClientOptions {
  /** '' in the browser (same origin); an absolute URL in tests and tools. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The language the person reads, sent as Accept-Language so the API can word things for them. */
  language?: () => string | undefined;
  /** The session's CSRF token; by default read from the `tasdeed_csrf` cookie the server sets at sign-in. */
  csrfToken?: () => string | undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The readable cookie next to the httpOnly session cookie: echoing it in a header proves this page sent the call. */
export function csrfTokenFromCookie(cookies: string | undefined = globalThis.document?.cookie): string | undefined {
  const match = /(?:^|;\s*)tasdeed_csrf=([^;]+)/.exec(cookies ?? '');
  return match ? decodeURIComponent(match[1]!) : undefined;
}

/** Query parameters without the empty ones: an unset or blank field is not sent at all. */
export function serializeQuery(query: Record<string, unknown>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  return search.toString();
}

function portalConventions(language: ApiClientOptions['language'], csrfToken: () => string | undefined): Middleware {
  return {
    onRequest({ request }) {
      const wanted = language?.();
      if (wanted) request.headers.set('accept-language', wanted);
      // Every state-changing call proves it comes from the portal (the server refuses it otherwise: src/http/csrf.ts).
      const token = SAFE_METHODS.has(request.method) ? undefined : csrfToken();
      if (token) request.headers.set('x-csrf-token', token);
      return undefined;
    },
    async onResponse({ response }) {
      if (!response.ok) throw apiErrorFrom(response.status, await readJson(response));
      // A 2xx that is not JSON did not come from the API (a captive portal's page, a proxy).
      const empty = response.status === 204 || response.headers.get('content-length') === '0';
      if (!empty && !/json/i.test(response.headers.get('content-type') ?? '')) throw fallbackError(response.status);
      return undefined;
    },
    onError({ request }) {
      // A cancelled call stays a cancellation (the caller asked for it: nothing returned, its error is rethrown);
      // anything else is "could not reach".
      return request.signal.aborted ? undefined : fallbackError(0);
    },
  };
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    // Looked up at each call, not captured once, so a fetch replaced later (tests, tools) is the one used.
    fetch: (request) => (options.fetch ?? globalThis.fetch)(request),
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    querySerializer: serializeQuery,
  });
  client.use(portalConventions(options.language, options.csrfToken ?? (() => csrfTokenFromCookie())));
  return client;
}

/**
 * The answer of a call made with the client: its JSON body (undefined for a 204). Failures never reach here, the
 * client throws them as ApiError; the check below only keeps that promise honest.
 */
export async function answer<Data>(call: Promise<{ data?: Data; error?: unknown; response: Response }>): Promise<Data> {
  const { data, error, response } = await call;
  if (!response.ok || error !== undefined) throw apiErrorFrom(response.status, error);
  return data as Data;
}

/** The portal's client: same origin, speaking the page's current language. */
export const api = createApiClient({
  language: () => (typeof document === 'undefined' ? undefined : document.documentElement.lang || undefined),
});
