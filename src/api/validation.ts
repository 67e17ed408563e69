/** Request validation: zod schemas in, typed values or a 4xx with the details out. */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { ApiError } from './errors';

/** Parses a request body with a schema; a mismatch is a 400 naming each bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw new ApiError(
    400,
    'invalid_request',
    'The request body does not match the schema; see details.',
    result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}

/** Parses query parameters the same way. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  throw new ApiError(
    400,
    'invalid_query',
    'The query parameters are not valid; see details.',
    result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}

/** A body that is not JSON is refused with 415 before anything reads it. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = req.headers['content-length'] !== undefined ? req.headers['content-length'] !== '0' : req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.is('application/json')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the request body as JSON, with Content-Type: application/json.');
  }
  next();
};
