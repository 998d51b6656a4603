// KNET's server-to-server messages (inquiry, refund) are flat XML fragments with no root element:
// `<id>…</id><password>…</password><action>8</action>…`, answered the same way. These two helpers write and read
// exactly that shape; document type declarations are refused so no entity can be expanded from the wire.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AppError } from '../../../../platform/errors/app-error.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Writes `<name>value</name>` for each field, in order. */
export function toKnetXml(fields: [name: string, value: string][]): string {
  return fields.map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`).join('');
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false, // "12.500" and "007" stay strings
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
});

/**
 * Reads a flat KNET XML fragment into `{name: value}`. Accepts the fragment bare or inside one wrapping element.
 * Throws AppError('gateway_response_invalid') on malformed XML, DOCTYPE/ENTITY declarations, repeated or nested fields.
 */
export function parseKnetXml(text: string): Record<string, string> {
  const invalid = (reason: string): never => {
    throw new AppError('gateway_response_invalid', { reason });
  };
  if (typeof text !== 'string' || text.trim() === '') return invalid('empty XML');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) return invalid('XML declares a document type');
  const fragment = text.trim().replace(/^<\?xml[^>]*\?>/, '');
  const wrapped = `<knet>${fragment}</knet>`;
  if (XMLValidator.validate(wrapped) !== true) return invalid('malformed XML');
  let tree = (parser.parse(wrapped) as { knet?: unknown }).knet;
  // One wrapping element (e.g. <response>…</response>) around the fields: look inside it.
  if (isRecord(tree)) {
    const entries = Object.entries(tree);
    if (entries.length === 1 && isRecord(entries[0]![1])) tree = entries[0]![1];
  }
  if (tree === '' || tree === undefined) return {};
  if (!isRecord(tree)) return invalid('XML has no fields');
  const fields = Object.create(null) as Record<string, string>;
  for (const [name, value] of Object.entries(tree)) {
    if (typeof value !== 'string') return invalid(`field ${name} is repeated or nested`);
    fields[name] = value;
  }
  return fields;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
