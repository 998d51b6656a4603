// XML from outside (bank statements, switch messages) is read the same way everywhere: hostile input is refused on
// the raw text BEFORE any parser sees it (a DOCTYPE or ENTITY declaration: external entities, entity expansion;
// an oversized message), then fast-xml-parser runs with entity processing switched off. Only the five predefined
// entities are decoded afterwards, by hand, so nothing a sender declares can ever be expanded.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export type XmlRefusalReason = 'too_large' | 'declaration' | 'malformed' | 'empty';

/** Why a piece of XML was not read; each caller maps the reason to its own error code. */
export class XmlRefusal extends Error {
  constructor(readonly reason: XmlRefusalReason, readonly detail: Record<string, unknown> = {}) {
    super(`XML refused: ${reason}`);
    this.name = 'XmlRefusal';
  }
}

/** A DOCTYPE or ENTITY declaration anywhere in the text (with or without spaces after `<!`). */
export function declaresDocumentType(text: string): boolean {
  return /<!\s*(DOCTYPE|ENTITY)/i.test(text);
}

/** The parser options every reader of outside XML uses: no entities, values kept as text, attributes as `@_name`. */
export function safeXmlParserOptions(isArray: (name: string) => boolean = () => false) {
  return {
    removeNSPrefix: true, ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false,
    processEntities: false, htmlEntities: false, ignoreDeclaration: true, ignorePiTags: true, trimValues: true, isArray,
  } as const;
}

/** Refusals that need no parser: empty, too large, declarations. */
export function screenXml(text: string, maxBytes: number): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes === 0 || text.trim() === '') throw new XmlRefusal('empty');
  if (bytes > maxBytes) throw new XmlRefusal('too_large', { bytes, limit: maxBytes });
  if (declaresDocumentType(text)) throw new XmlRefusal('declaration');
}

export interface SafeXmlDocument {
  /** The root element's local name (any prefix removed). */
  root: string;
  /** The root element's namespace declarations (`xmlns` and `xmlns:*`), empty when it declares none. */
  namespaces: string[];
  /** The root element's content: child elements by name, text as `#text`, attributes as `@_name`. */
  body: Record<string, unknown>;
}

/** Screens, validates and parses one XML document with a single root element. */
export function parseXmlSafely(text: string, options: { maxBytes: number; arrays?: ReadonlySet<string> }): SafeXmlDocument {
  screenXml(text, options.maxBytes);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new XmlRefusal('malformed', { reason: valid.err.msg.slice(0, 200), line: valid.err.line });
  const arrays = options.arrays ?? new Set<string>();
  const parser = new XMLParser(safeXmlParserOptions((name) => arrays.has(name)));
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new XmlRefusal('malformed', { reason: error instanceof Error ? error.message.slice(0, 200) : String(error) });
  }
  const roots = Object.keys(doc).filter((k) => !k.startsWith('?'));
  if (roots.length !== 1) throw new XmlRefusal('malformed', { reason: 'one root element expected' });
  const root = roots[0]!;
  const content = doc[root];
  const body = content && typeof content === 'object' && !Array.isArray(content) ? (content as Record<string, unknown>) : {};
  return { root, namespaces: rootNamespaces(text), body };
}

/** The namespace declarations on the root start tag, read from the text (the parser drops them with prefixes). */
function rootNamespaces(text: string): string[] {
  const start = /<(?![?!])[^>]*>/.exec(text.replace(/<!--[\s\S]*?-->/g, ''));
  if (!start) return [];
  return [...start[0].matchAll(/\sxmlns(?::[\w.-]+)?\s*=\s*["']([^"']*)["']/g)].map((m) => m[1]!);
}

const PREDEFINED: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&amp;': '&' };

/** Decodes the five predefined entities of a parsed value (the parser left every entity alone). */
export function decodePredefinedEntities(text: string): string {
  return text.replace(/&(?:lt|gt|quot|apos|amp);/g, (e) => PREDEFINED[e]!);
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A tree to write as XML: element name → text, nested tree, or a list of either (repeated elements). */
export type XmlTree = { [name: string]: string | number | boolean | null | undefined | XmlTree | (string | XmlTree)[] };

/** Writes a tree as XML elements, in insertion order; null and undefined values are left out. */
export function writeXml(tree: XmlTree): string {
  let out = '';
  for (const [name, value] of Object.entries(tree)) {
    if (value === null || value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      out += typeof item === 'object' ? `<${name}>${writeXml(item)}</${name}>` : `<${name}>${escapeXml(String(item))}</${name}>`;
    }
  }
  return out;
}

/** The text of a child element (trimmed, entities decoded), or null when absent or not a plain value. */
export function xmlText(node: unknown, name: string): string | null {
  const value = node && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined;
  const text = typeof value === 'string' ? value : value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>)['#text'] : undefined;
  return typeof text === 'string' && text.trim() !== '' ? decodePredefinedEntities(text.trim()) : null;
}

/** A child element as a node (the first when repeated). */
export function xmlChild(node: unknown, name: string): Record<string, unknown> | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const value = (node as Record<string, unknown>)[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first && typeof first === 'object' ? (first as Record<string, unknown>) : undefined;
}

/** A repeated child element as a list of nodes. */
export function xmlList(node: unknown, name: string): Record<string, unknown>[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as Record<string, unknown>)[name];
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is Record<string, unknown> => !!v && typeof v === 'object');
}
