/**
 * Errors the API answers with, and the one place they become HTTP responses:
 * `{"error": {"code", "message", "details"?}}`, a 4xx for anything the caller can fix.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { log } from '../log';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const unauthorized = () => new ApiError(401, 'unauthorized', 'A valid API key is required: Authorization: Bearer <key>.');

/** Errors raised by express.json() before a handler runs, keyed by their `type`. */
const bodyParserErrors: Record<string, (limit?: number) => ApiError> = {
  'entity.parse.failed': () => new ApiError(400, 'invalid_json', 'The request body is not valid JSON.'),
  'entity.too.large': (limit) => new ApiError(413, 'payload_too_large', `The request body is larger than ${limit} bytes.`),
  'encoding.unsupported': () => new ApiError(415, 'unsupported_encoding', 'The request body has an unsupported content-encoding.'),
  'charset.unsupported': () => new ApiError(415, 'unsupported_charset', 'The request body must be UTF-8.'),
  'request.aborted': () => new ApiError(400, 'request_aborted', 'The client aborted the request.'),
};

export const notFoundHandler: RequestHandler = (req) => {
  throw new ApiError(404, 'not_found', `No route for ${req.method} ${req.path}.`);
};

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const parserError = typeof error?.type === 'string' ? bodyParserErrors[error.type]?.(error.limit) : undefined;
  const apiError = error instanceof ApiError ? error : parserError;
  if (apiError) {
    res.status(apiError.status).json({
      error: { code: apiError.code, message: apiError.message, ...(apiError.details === undefined ? {} : { details: apiError.details }) },
    });
    return;
  }
  log.error('unhandled error in API request', { method: req.method, path: req.path, error: String(error?.stack ?? error) });
  res.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' } });
};
