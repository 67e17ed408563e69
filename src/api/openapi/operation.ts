/**
 * An API operation as the OpenAPI document describes it: the zod schemas its route validates
 * with, what it answers and which error codes it can answer. One list per resource (paths/).
 */
import type { z } from 'zod';
import type { ErrorCode } from './error-codes';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The W3C trace context header an ingest operation continues (src/api/ingest-observation.ts). */
export const TRACEPARENT = { traceparent: "A W3C trace context: with tracing on, the event's trace continues the caller's." };

/** Who may call: a project's API key, the operator's admin key, or anyone (inbound, health). */
export type Auth = 'apiKey' | 'adminKey' | 'none';

export interface Answer {
  description: string;
  /** The JSON body; absent: no body (204), or `content` below. */
  schema?: z.ZodType;
  /** A body that is not JSON, by media type (`text/plain`). */
  content?: Record<string, { schema: Record<string, unknown> }>;
  /** Response headers worth knowing, by name: their description. */
  headers?: Record<string, string>;
}

export interface Operation {
  method: Method;
  /** The OpenAPI path template: `/v1/endpoints/{id}`. */
  path: string;
  /** Unique across the document; the typed client's method name. */
  id: string;
  summary: string;
  description?: string;
  tag: string;
  auth: Auth;
  /** Path parameters by name: their description. */
  pathParams?: Record<string, string>;
  query?: z.ZodObject;
  /** Optional request headers the operation reads, by name: their description. */
  headers?: Record<string, string>;
  body?: z.ZodType;
  /** A body that is not (only) JSON, by media type: what inbound providers post. */
  rawBody?: Record<string, { schema: Record<string, unknown> }>;
  /** Set when the body is optional (commands whose every field is). */
  bodyOptional?: boolean;
  /** By status; `default`: any other status the operation may answer (a source's configured answer). */
  answers: { [status: number]: Answer; default?: Answer };
  /** Error codes particular to this operation; the ones every route of its kind can answer are added. */
  errors?: ErrorCode[];
}

/** The codes any operation of this kind can answer, besides its own. */
export function commonErrors(operation: Operation): ErrorCode[] {
  const codes: ErrorCode[] = ['internal_error'];
  if (operation.auth !== 'none') {
    // Every /v1 route authenticates, then reads a JSON body, then lets PostgreSQL judge the text.
    codes.push('unauthorized', 'invalid_json', 'unreadable_body', 'request_aborted', 'payload_too_large', 'unsupported_media_type', 'unsupported_encoding', 'unsupported_charset', 'invalid_text', 'invalid_path');
    codes.push(operation.auth === 'apiKey' ? 'insufficient_scope' : 'admin_disabled');
  }
  // Whatever reads or writes PostgreSQL (every /v1 route, and inbound) answers 503 while it cannot.
  if (operation.auth !== 'none' || operation.path.startsWith('/in/')) {
    codes.push('database_unavailable');
    // A write can race the deletion of what it refers to (the retention sweep, a project deletion).
    if (operation.method !== 'get') codes.push('storage_full', 'removed_meanwhile');
  }
  if (operation.body) codes.push('invalid_request');
  if (operation.query) codes.push('invalid_query');
  return codes;
}
