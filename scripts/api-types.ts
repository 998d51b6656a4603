// The server's OpenAPI document, turned into the TypeScript types the portal's client is checked against
// (web/src/api/schema.d.ts). Shared by `npm run generate:api`, which writes the file, and the test that fails when
// the committed file no longer matches the server.
//
// The app is built but never listens, and no database is opened: building routes and their schemas touches
// neither, and a handle that throws on use keeps it that way (a route that starts querying at registration would
// fail here loudly rather than quietly needing PostgreSQL).
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { loadConfig } from '../src/config.js';
import { buildApp, type AppDeps } from '../src/http/app.js';

export const API_TYPES_FILE = fileURLToPath(new URL('../web/src/api/schema.d.ts', import.meta.url));

const HEADER = `// Generated from the server's OpenAPI document by scripts/generate-api-types.ts. Do not edit:
// change the zod schemas in src/modules and run \`npm run generate:api\`.
`;

function unusableDatabase(): AppDeps['database'] {
  const refuse = (): never => {
    throw new Error('the OpenAPI document is built without a database, but something asked for one');
  };
  return { db: new Proxy({}, { get: refuse }) as AppDeps['database']['db'], kind: 'pglite', ping: async () => refuse(), close: async () => undefined };
}

/** What /docs/json serves, taken from an app that is built, made ready and closed. */
export async function openApiDocument(): Promise<OpenAPI3> {
  // Only the built-in defaults, never this machine's environment: the document must not depend on who runs it.
  const config = loadConfig({}, { NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database: unusableDatabase(), clock: { now: () => new Date(0) }, services: {} });
  try {
    await app.ready();
    return app.swagger() as OpenAPI3;
  } finally {
    await app.close();
  }
}

export interface ApiTypes {
  text: string;
  /** Parameters left out because the document describes them wrongly (see withoutMalformedQueries). */
  dropped: string[];
}

/** The types file for a document. Alphabetised, so the order modules register their routes in does not matter. */
export async function renderApiTypes(document: OpenAPI3): Promise<ApiTypes> {
  // openapi-typescript may change what it is given (it resolves and annotates); it gets its own copy.
  const copy = structuredClone(document);
  const dropped = withoutMalformedQueries(copy);
  const ast = await openapiTS(copy, { alphabetize: true, silent: true });
  return { text: `${HEADER}\n${astToString(ast)}`, dropped };
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * @fastify/swagger turns a querystring schema that has no `properties` (a z.record, as on GET
 * /api/v1/payments/knet/error) into one query parameter per JSON Schema keyword — `type` with the schema "object",
 * `propertyNames`, `additionalProperties` — which openapi-typescript rejects. When an operation has such a
 * parameter, all its query parameters came from that conversion and are dropped; their names are returned so the
 * generator can say so. Nothing is dropped once the route describes its query as an object with properties.
 */
export function withoutMalformedQueries(document: OpenAPI3): string[] {
  const dropped: string[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = (item as Record<string, unknown>)[method] as { parameters?: Array<{ in?: string; name?: string; schema?: unknown }> } | undefined;
      const query = operation?.parameters?.filter((p) => p.in === 'query') ?? [];
      if (!query.some((p) => typeof p.schema !== 'object' || p.schema === null)) continue;
      operation!.parameters = operation!.parameters!.filter((p) => p.in !== 'query');
      dropped.push(`${method.toUpperCase()} ${path}: query ${query.map((p) => p.name).join(', ')}`);
    }
  }
  return dropped;
}
