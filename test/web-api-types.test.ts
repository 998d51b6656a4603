// The portal's API types (web/src/api/schema.d.ts) are generated from the server's OpenAPI document and committed.
// This regenerates them in memory and fails when the committed file no longer matches the server, so a change to a
// zod schema cannot leave the portal compiling against the old shape of an answer.
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, openApiDocument, renderApiTypes, withoutMalformedQueries } from '../scripts/api-types.js';

function firstDifference(committed: string, fresh: string): string {
  const a = committed.split('\n');
  const b = fresh.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return `first difference at line ${at + 1}:\n  committed: ${a[at] ?? '(end of file)'}\n  generated: ${b[at] ?? '(end of file)'}`;
}

describe('the portal API types', () => {
  it('match the OpenAPI document the server publishes', async () => {
    const name = relative(process.cwd(), API_TYPES_FILE);
    const committed = await readFile(API_TYPES_FILE, 'utf8').catch(() => null);
    const { text } = await renderApiTypes(await openApiDocument());
    if (committed === null) expect.fail(`${name} is missing: run \`npm run generate:api\` and commit it`);
    if (committed !== text) {
      expect.fail(`${name} is stale: the server's OpenAPI document changed. Run \`npm run generate:api\` and commit the result.\n${firstDifference(committed, text)}`);
    }
  }, 60_000);

  it('have every schema the server names, with no reference left dangling', async () => {
    const document = await openApiDocument();
    const schemas = Object.keys(document.components?.schemas ?? {});
    expect(schemas).toEqual(expect.arrayContaining(['Dues', 'Me', 'Violation', 'Receipt', 'BillRun', 'Error']));
    const refs = new Set<string>();
    JSON.stringify(document, (key, value: unknown) => {
      if (key === '$ref' && typeof value === 'string') refs.add(value);
      return value;
    });
    expect([...refs].filter((ref) => !schemas.includes(ref.replace('#/components/schemas/', '')))).toEqual([]);
  }, 60_000);

  it('leave out only query parameters that came from a schema without properties', () => {
    const document = {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      paths: {
        '/broken': { get: { parameters: [{ in: 'query', name: 'type', schema: 'object' }, { in: 'query', name: 'additionalProperties', schema: { type: 'string' } }, { in: 'path', name: 'id', required: true, schema: { type: 'string' } }], responses: {} } },
        '/fine': { get: { parameters: [{ in: 'query', name: 'civilId', schema: { type: 'string' } }], responses: {} } },
      },
    };
    expect(withoutMalformedQueries(document as never)).toEqual(['GET /broken: query type, additionalProperties']);
    expect(document.paths['/broken'].get.parameters.map((p) => p.name)).toEqual(['id']);
    expect(document.paths['/fine'].get.parameters.map((p) => p.name)).toEqual(['civilId']);
  });
});
