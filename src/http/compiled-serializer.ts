// Response serialisation compiled from the route's schema (fast-json-stringify, Fastify's own serialiser) for the
// routes that answer thousands a second (the dues inquiry): the zod schema is turned into JSON Schema once, at
// start-up, and the compiled function writes only the schema's fields, in order, without parsing the answer with
// zod first. Other status codes (errors), and a schema JSON Schema cannot express, keep the zod serialiser.
import fastJson from 'fast-json-stringify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type RouteSchema = Parameters<typeof serializerCompiler>[0];

// Typed loosely on purpose: Fastify types a route's serializerCompiler by that route's own schema.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const compiledSerializerCompiler = (route: any): ((data: unknown) => string) => compile(route as RouteSchema);

function compile(route: RouteSchema): (data: unknown) => string {
  if (String(route.httpStatus) !== '200') return serializerCompiler(route);
  try {
    const jsonSchema = z.toJSONSchema(route.schema as z.ZodType, { target: 'draft-7', io: 'output', unrepresentable: 'throw' });
    return fastJson(jsonSchema as Parameters<typeof fastJson>[0]);
  } catch {
    return serializerCompiler(route);
  }
}
