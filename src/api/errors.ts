/**
 * Errors the API answers with, and the one place they become HTTP responses:
 * `{"error": {"code", "message", "details"?}}`, a 4xx for anything the caller can fix.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { databaseTrouble } from '../db/availability';
import { QueueFull } from '../deliveries/start-window';
import { log } from '../log';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A kind of project resource, as its 404 names it: `{code: "endpoint_not_found"}`, "No endpoint …". */
export interface ResourceKind {
  code: string;
  noun: string;
}

export function notFound(kind: ResourceKind, id: string): ApiError {
  return new ApiError(404, kind.code, `No ${kind.noun} ${id} in this project.`);
}

/** The resource a lookup found, or the 404 that says it is not in this project. */
export function found<T>(value: T | undefined, kind: ResourceKind, id: string): T {
  if (value === undefined) throw notFound(kind, id);
  return value;
}

/** A 429 that says, in whole seconds, when the request would be taken. */
export function rateLimited(waitMs: number, message: string): ApiError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new ApiError(429, 'rate_limited', `${message} Retry in ${seconds} s.`, { retryAfterSeconds: seconds }, { 'retry-after': String(seconds) });
}

export const unauthorized = () => new ApiError(401, 'unauthorized', 'A valid API key is required: Authorization: Bearer <key>.');

/** Errors raised by express.json() before a handler runs, keyed by their `type`. */
const bodyParserErrors: Record<string, (limit?: number) => ApiError> = {
  'entity.parse.failed': () => new ApiError(400, 'invalid_json', 'The request body is not valid JSON.'),
  'entity.too.large': (limit) => new ApiError(413, 'payload_too_large', `The request body is larger than ${limit} bytes.`),
  'encoding.unsupported': () => new ApiError(415, 'unsupported_encoding', 'The request body has an unsupported content-encoding.'),
  'charset.unsupported': () => new ApiError(415, 'unsupported_charset', 'The request body must be UTF-8.'),
  'request.aborted': () => new ApiError(400, 'request_aborted', 'The client aborted the request.'),
  'request.size.invalid': () => unreadableBody(),
};

const unreadableBody = () =>
  new ApiError(400, 'unreadable_body', 'The request body could not be read: it is shorter or longer than its Content-Length, or does not decompress as its Content-Encoding says.');

/**
 * PostgreSQL refusing a value is the one check that covers every text column, query parameter and
 * path id at once: NUL characters (text and jsonb cannot hold them) and dates beyond its range.
 * These come only from what the caller sent, so they are the caller's 400, not our 500. Sealed
 * columns (secrets/) are ciphertext to PostgreSQL, so their schemas refuse NUL themselves.
 */
const nulInText = () => new ApiError(400, 'invalid_text', 'Text in the request may not contain the NUL character (\\u0000).');
const postgresInputErrors: Record<string, () => ApiError> = {
  '22021': nulInText, // invalid byte sequence: NUL in a text value
  '22P05': nulInText, // untranslatable character: \u0000 in jsonb
  '22008': () => new ApiError(400, 'invalid_date', 'A date in the request is outside the range this API stores.'),
};

export const notFoundHandler: RequestHandler = (req) => {
  throw new ApiError(404, 'not_found', `No route for ${req.method} ${req.path}.`);
};

/** The 4xx an error raised by what the client sent (its body, its path, a value PostgreSQL refuses) stands for. */
export function clientInputError(error: any): ApiError | undefined {
  const parserError = typeof error?.type === 'string' ? bodyParserErrors[error.type]?.(error.limit) : undefined;
  // A body that does not inflate: the body parser passes zlib's error on with no type of its own.
  const inflateError = typeof error?.code === 'string' && error.code.startsWith('Z_') && error.status === 400 ? unreadableBody() : undefined;
  const databaseError = typeof error?.code === 'string' && error?.severity ? postgresInputErrors[error.code]?.() : undefined;
  // The router could not percent-decode a path segment (a lone "%"): the caller's path is malformed.
  const pathError = error instanceof URIError ? new ApiError(400, 'invalid_path', 'The request path is not validly percent-encoded.') : undefined;
  return parserError ?? inflateError ?? databaseError ?? pathError;
}

/**
 * A row the request refers to was deleted between the handler reading it and writing against it:
 * the retention sweep took an event, or a project or endpoint was deleted, meanwhile. The foreign
 * key refuses the write (23503, foreign_key_violation), so nothing was recorded that points at
 * nothing; the caller is told so, and may look again.
 */
export function removedMeanwhile(error: any): ApiError | undefined {
  if (error?.code !== '23503' || !error?.severity) return undefined;
  return new ApiError(409, 'removed_meanwhile', 'Something this request refers to was deleted while the request was being handled; nothing was recorded. Look it up again before retrying.');
}

/**
 * The 503 for our own temporary trouble: the start queue full (deliveries/start-window.ts), or
 * PostgreSQL out of reach or out of disk (db/availability.ts). Nothing was recorded; the caller
 * retries after Retry-After.
 */
export function unavailableError(error: unknown): ApiError | undefined {
  if (error instanceof QueueFull) return new ApiError(503, 'over_capacity', error.message, undefined, { 'retry-after': '1' });
  const trouble = databaseTrouble(error);
  if (trouble === 'full') {
    return new ApiError(503, 'storage_full', 'The gateway cannot store anything right now: its database is out of disk space. Nothing was recorded; try again later.', undefined, { 'retry-after': '60' });
  }
  if (trouble === 'unavailable') {
    return new ApiError(503, 'database_unavailable', 'The gateway cannot reach its database right now. Nothing was recorded; try again shortly.', undefined, { 'retry-after': '5' });
  }
  return undefined;
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const unavailable = unavailableError(error);
  if (unavailable && !(error instanceof QueueFull)) log.warn('API request refused: the database is in trouble', { method: req.method, path: req.path, error: String(error?.message ?? error) });
  const apiError = error instanceof ApiError ? error : (clientInputError(error) ?? removedMeanwhile(error) ?? unavailable);
  if (apiError) {
    res.set(apiError.headers);
    res.status(apiError.status).json({
      error: { code: apiError.code, message: apiError.message, ...(apiError.details === undefined ? {} : { details: apiError.details }) },
    });
    return;
  }
  log.error('unhandled error in API request', { method: req.method, path: req.path, error: String(error?.stack ?? error) });
  res.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' } });
};
