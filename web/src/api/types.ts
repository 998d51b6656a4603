// Names for the generated API types (schema.d.ts, written by `npm run generate:api`), so the portal says
// `Schema<'Violation'>` or `ResponseBody<'/api/v1/me/accounts', 'get'>` instead of copying what the server answers.
import type { components, paths } from './schema.js';

export type { components, paths };

/** A schema the server names (`.meta({ id })` in src/modules/<name>/<name>.schemas.ts), as it answers it. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** The JSON an operation answers with, for a status (200 unless told). */
export type ResponseBody<Path extends keyof paths, M extends Method, Status extends number = 200> =
  paths[Path][M] extends { responses: infer Responses }
    ? Status extends keyof Responses
      ? Responses[Status] extends { content: { 'application/json': infer Body } }
        ? Body
        : never
      : never
    : never;

/** The JSON body an operation takes. */
export type RequestBody<Path extends keyof paths, M extends Method> =
  paths[Path][M] extends { requestBody?: { content: { 'application/json': infer Body } } } ? Body : never;

/** The error body every API failure carries: `{code, message: {ar, en}, details?}`. */
export type ApiErrorBody = Schema<'Error'>;

/** A text in both of the portal's languages, as the API words it. */
export type LocalisedText = ApiErrorBody['message'];
