/** Request validation: zod schemas in, typed values or a 4xx with the details out. */
import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { urlEgressProblem, type EgressPolicy } from '../egress/address-policy';
import type { Problem } from '../problems';
import { ApiError } from './errors';

const BODY_MISMATCH = 'The request body does not match the schema; see details.';

function parseWith<S extends z.ZodType>(schema: S, value: unknown, code: string, message: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details: Problem[] = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new ApiError(400, code, message, details);
}

/** Parses a request body with a schema; a mismatch is a 400 naming each bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  return parseWith(schema, body, 'invalid_request', BODY_MISMATCH);
}

/** A body checked by a hand-written validator (one the workflow sandbox runs too): the same 400. */
export function refuseProblems(problems: Problem[]): void {
  if (problems.length > 0) throw new ApiError(400, 'invalid_request', BODY_MISMATCH, problems);
}

/**
 * A URL Switchyard will send to, refused when it names an address the egress policy blocks
 * (a literal one, or localhost). Names are judged again, by what they resolve to, at every connect.
 */
export function refuseBlockedUrl(policy: EgressPolicy, field: string, url: string | null | undefined): void {
  const problem = url ? urlEgressProblem(url, policy) : undefined;
  if (problem) throw new ApiError(400, 'address_not_allowed', `The ${field} ${problem}.`, [{ path: field, message: problem }]);
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
