// npm run generate:api — writes web/src/api/schema.d.ts from the server's OpenAPI document (see api-types.ts).
import { readFile, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { API_TYPES_FILE, openApiDocument, renderApiTypes } from './api-types.js';

const { text, dropped } = await renderApiTypes(await openApiDocument());
for (const what of dropped) console.warn(`left out, the OpenAPI document describes it wrongly: ${what}`);
const before = await readFile(API_TYPES_FILE, 'utf8').catch(() => null);
const name = relative(process.cwd(), API_TYPES_FILE);
if (before === text) {
  console.log(`${name} is up to date`);
} else {
  await writeFile(API_TYPES_FILE, text);
  console.log(`wrote ${name}`);
}
