/**
 * Checks an answer of the API against the OpenAPI document: its route, status, error code and
 * body. What keeps the document from drifting from the code (installed for every test by
 * check-answers.ts).
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { OpenApiDocument } from '../../src/api/openapi/document';
import { errorCodes, type ErrorCode } from '../../src/api/openapi/error-codes';
import { commonErrors } from '../../src/api/openapi/operation';

/** Paths the document covers: the rest (the portal's pages, receivers) are not the API. */
const API_PATH = /^\/(v1|in)(\/|$)|^\/(healthz|readyz|metrics|openapi\.json|docs)$/;

export interface Answer {
  method: string;
  url: string;
  status: number;
  contentType: string;
  body: string;
}

export interface ContractChecker {
  /** What is wrong with the answer by the document; undefined when it matches or is not the API's. */
  problem(answer: Answer): string | undefined;
}

/** The codes any path under /v1 can answer before a route is chosen, and the unknown route's 404. */
const BEFORE_ROUTING = new Set<string>(['not_found', ...commonErrors({ auth: 'apiKey' } as Parameters<typeof commonErrors>[0])]);

const escapePointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

function templateMatcher(template: string): RegExp {
  const pattern = template
    .split('/')
    .map((segment) => (/^\{.+\}$/.test(segment) ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}$`);
}

export function contractChecker(document: OpenApiDocument): ContractChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(document as object, 'openapi');
  // Literal segments win over parameters (`/events/batch` before `/events/{id}`).
  const templates = Object.keys(document.paths)
    .map((template) => ({ template, matcher: templateMatcher(template), literal: template.split('/').filter((s) => !s.startsWith('{')).length }))
    .sort((a, b) => b.literal - a.literal);
  const validators = new Map<string, ValidateFunction>();
  const validator = (pointer: string) => {
    if (!validators.has(pointer)) validators.set(pointer, ajv.getSchema(`openapi#${pointer}`)!);
    return validators.get(pointer)!;
  };

  return {
    problem({ method, url, status, contentType, body }) {
      const path = new URL(url).pathname;
      if (!API_PATH.test(path)) return undefined;
      const said = `${method} ${path} answered ${status}`;
      const json = (() => {
        try {
          return contentType.includes('json') ? JSON.parse(body) : undefined;
        } catch {
          return undefined;
        }
      })();
      const template = templates.find((t) => t.matcher.test(path))?.template;
      const operation = template ? document.paths[template]![method.toLowerCase()] : undefined;
      if (!operation) {
        // A route that does not exist answers the 404 of an unknown route, or what /v1 refuses
        // before routing: no key, a body that is not JSON.
        return typeof json?.error?.code === 'string' && BEFORE_ROUTING.has(json.error.code) && errorCodes[json.error.code as ErrorCode].status === status
          ? undefined
          : `${said}, but the document has no ${method} ${template ?? path}`;
      }
      const key = operation.responses[status] ? String(status) : operation.responses.default ? 'default' : undefined;
      if (!key) return `${said}, a status the document does not list for ${method} ${template}`;
      const content = operation.responses[key].content as Record<string, unknown> | undefined;
      if (!content) return body.length === 0 ? undefined : `${said} with a body; the document says none`;
      const mediaType = contentType.split(';')[0]!.trim();
      if (!content[mediaType] && !content['*/*']) return `${said} as ${mediaType || 'no media type'}; the document lists ${Object.keys(content).join(', ')}`;
      // Only JSON bodies have schemas worth checking; a `*/*` answer may be anything.
      if (mediaType !== 'application/json' || !content['application/json']) return undefined;
      if (json === undefined) return `${said} with a body that is not JSON`;
      const check = validator(`/paths/${escapePointer(template!)}/${method.toLowerCase()}/responses/${key}/content/application~1json/schema`);
      if (check(json)) return undefined;
      const errors = (check.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '(root)'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}${e.params && 'allowedValues' in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : ''}`);
      return `${said} with a body that does not match the document: ${errors.join('; ')}\n${body.slice(0, 2000)}`;
    },
  };
}
