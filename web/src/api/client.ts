// A small typed fetch client for the Tasdeed API. Same-origin, cookies included (the session cookie is httpOnly),
// JSON in and out. Any failure becomes an ApiError whose message is ready to show in the person's language.
import { ApiError, fallbackError, isApiErrorBody } from './api-error.js';

export type QueryValue = string | number | undefined | null;

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiClientOptions {
  /** '' in the browser (same origin); an absolute URL in tests and tools. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** The language the person reads, sent as Accept-Language so the API can word things for them. */
  language?: () => string | undefined;
}

export interface ApiClient {
  request<T>(path: string, request?: ApiRequest): Promise<T>;
  get<T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal): Promise<T>;
  post<T>(path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
}

export function buildUrl(baseUrl: string, path: string, query: Record<string, QueryValue> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return `${baseUrl}${path}${text ? `?${text}` : ''}`;
}

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<T>(path: string, req: ApiRequest = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    const language = options.language?.();
    if (language) headers['accept-language'] = language;
    if (req.body !== undefined) headers['content-type'] = 'application/json';

    let response: Response;
    try {
      response = await doFetch(buildUrl(baseUrl, path, req.query), {
        method: req.method ?? 'GET',
        headers,
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        credentials: 'same-origin',
        signal: req.signal,
      });
    } catch (cause) {
      if (req.signal?.aborted) throw cause;
      throw fallbackError(0);
    }

    const body = await readJson(response);
    if (!response.ok) {
      if (isApiErrorBody(body)) throw new ApiError({ status: response.status, code: body.code, message: body.message, details: body.details });
      throw fallbackError(response.status);
    }
    return body as T;
  }

  return {
    request,
    get: (path, query, signal) => request(path, { query, signal }),
    post: (path, body, headers) => request(path, { method: 'POST', body: body ?? {}, headers }),
    put: (path, body) => request(path, { method: 'PUT', body: body ?? {} }),
  };
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The portal's client: same origin, speaking the page's current language. */
export const api = createApiClient({
  language: () => (typeof document === 'undefined' ? undefined : document.documentElement.lang || undefined),
});
