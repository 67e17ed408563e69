/**
 * The OpenAPI 3.1 document, built from the operations' zod schemas (the ones their routes
 * validate with), so what is documented and what is checked have one source.
 */
import { z } from 'zod';
import { errorCodes, type ErrorCode } from './error-codes';
import { commonErrors, type Operation } from './operation';

type JsonSchema = Record<string, any>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, any> };
}

/** zod to JSON Schema 2020-12 (OpenAPI 3.1's dialect); named schemas (`.meta({id})`) become components. */
class SchemaWriter {
  readonly components: Record<string, JsonSchema> = {};

  write(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
    const { $defs, $schema: _, ...json } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;
    for (const [id, definition] of Object.entries<JsonSchema>($defs ?? {})) {
      const written = JSON.stringify(pointAtComponents(definition));
      const earlier = this.components[id];
      if (earlier && JSON.stringify(earlier) !== written) throw new Error(`two different schemas are named ${id} (one as input, one as output?)`);
      this.components[id] = JSON.parse(written);
    }
    return pointAtComponents(json);
  }
}

/** zod writes `#/$defs/Name`; in the document the named schemas live under components. */
function pointAtComponents(json: JsonSchema): JsonSchema {
  return JSON.parse(JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/'));
}

function errorAnswer(status: number, codes: ErrorCode[]): Record<string, any> {
  const retryAfter = status === 429 || status === 503;
  return {
    description: codes.map((code) => `\`${code}\`: ${errorCodes[code].meaning}`).join('\n\n'),
    ...(retryAfter ? { headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } } } : {}),
    content: {
      'application/json': {
        // The shape is shared; the codes this operation can answer with this status narrow it.
        schema: { $ref: '#/components/schemas/Error', properties: { error: { properties: { code: { enum: codes } } } } },
      },
    },
  };
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', description: 'Stable and machine-readable: each operation lists the codes it can answer.' },
        message: { type: 'string', description: 'For people; may change.' },
        details: { description: 'What was wrong, for the codes that say more (each bad field of a 400).' },
      },
    },
  },
};

function operationObject(operation: Operation, schemas: SchemaWriter): Record<string, any> {
  const parameters: Record<string, any>[] = Object.entries(operation.pathParams ?? {}).map(([name, description]) => ({
    name,
    in: 'path',
    required: true,
    description,
    schema: { type: 'string' },
  }));
  for (const [name, description] of Object.entries(operation.headers ?? {})) {
    parameters.push({ name, in: 'header', required: false, description, schema: { type: 'string' } });
  }
  if (operation.query) {
    const query = schemas.write(operation.query, 'input');
    for (const [name, schema] of Object.entries<JsonSchema>(query.properties ?? {})) {
      const { description, ...rest } = schema;
      parameters.push({ name, in: 'query', required: (query.required ?? []).includes(name), ...(description ? { description } : {}), schema: rest });
    }
  }

  const responses: Record<string, any> = {};
  for (const [status, answer] of Object.entries(operation.answers)) {
    const headers = Object.entries(answer.headers ?? {}).map(([name, description]) => [name, { description, schema: { type: 'string' } }]);
    const content = answer.schema ? { 'application/json': { schema: schemas.write(answer.schema, 'output') } } : answer.content;
    responses[status] = { description: answer.description, ...(headers.length ? { headers: Object.fromEntries(headers) } : {}), ...(content ? { content } : {}) };
  }
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set([...commonErrors(operation), ...(operation.errors ?? [])])) {
    const { status } = errorCodes[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    if (responses[status]) throw new Error(`${operation.id}: status ${status} is both an answer and an error`);
    responses[status] = errorAnswer(status, codes);
  }

  return {
    operationId: operation.id,
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    tags: [operation.tag],
    security: operation.auth === 'none' ? [] : [{ [operation.auth]: [] }],
    ...(parameters.length ? { parameters } : {}),
    ...(operation.body || operation.rawBody
      ? {
          requestBody: {
            required: !operation.bodyOptional,
            content: operation.body ? { 'application/json': { schema: schemas.write(operation.body, 'input') } } : operation.rawBody,
          },
        }
      : {}),
    responses,
  };
}

export function openApiDocument(operations: Operation[], version: string, tags: { name: string; description: string }[]): OpenApiDocument {
  const schemas = new SchemaWriter();
  const paths: OpenApiDocument['paths'] = {};
  const ids = new Set<string>();
  for (const operation of operations) {
    if (ids.has(operation.id)) throw new Error(`operation id ${operation.id} is used twice`);
    ids.add(operation.id);
    paths[operation.path] ??= {};
    paths[operation.path]![operation.method] = operationObject(operation, schemas);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchyard',
      version,
      description:
        'A webhook gateway on Temporal. Producers publish events; Switchyard signs them (Standard Webhooks) and delivers them to the subscribed endpoints, with retries, rate limits and circuit breakers. Third parties post inbound webhooks to sources, which verify and route them. Errors answer `{"error": {"code", "message", "details"?}}`; each operation lists the codes it can answer.',
    },
    tags,
    paths,
    components: {
      schemas: Object.fromEntries(Object.entries({ ...schemas.components, Error: errorSchema }).sort(([a], [b]) => a.localeCompare(b))),
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: "A project's API key (`sk_…`), limited to its scope." },
        adminKey: { type: 'http', scheme: 'bearer', description: "The operator's admin key (SWITCHYARD_ADMIN_KEY), for /v1/projects." },
      },
    },
  };
}
