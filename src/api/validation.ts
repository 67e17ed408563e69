/** Request validation: zod schemas in, typed values or a 4xx with the details out. */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { ApiError } from './errors';

function parseWith<S extends z.ZodType>(schema: S, value: unknown, code: string, message: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new ApiError(400, code, message, details);
}

/** Parses a request body with a schema; a mismatch is a 400 naming each bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return parseWith(schema, body, 'invalid_request', 'The request body does not match the schema; see details.');
}

/** Parses query parameters the same way. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  return parseWith(schema, query, 'invalid_query', 'The query parameters are not valid; see details.');
}

/** A body that is not JSON is refused with 415 before anything reads it. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['content-length'] !== undefined ? req.headers['content-length'] !== '0' : req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the request body as JSON, with Content-Type: application/json.');
  }
  next();
};
