/**
 * Ingest counted at the HTTP edge (POST /v1/events, /v1/events/batch, /in/:sourceId): how many
 * events each request brought, what came of them, and how long the answer took. Handlers say how
 * many events they had in hand (`res.locals.ingest`); a request refused before that counts one.
 */
import type { RequestHandler, Response } from 'express';
import { metrics, type IngestOutcome, type IngestSource } from '../metrics/metrics';

interface IngestFacts {
  events: number;
  /** Answered from an earlier delivery of the same webhook: nothing new recorded. */
  duplicate?: boolean;
}

/** What a request's answer says became of its events. */
export function ingestOutcome(status: number, duplicate = false): IngestOutcome {
  if (status < 400) return duplicate ? 'duplicate' : 'accepted';
  // 503 is the start queue at its limit: a temporary refusal, as a rate limit is.
  if (status === 429 || status === 503) return 'throttled';
  return status < 500 ? 'rejected' : 'failed';
}

export function noteIngest(res: Response, facts: IngestFacts): void {
  res.locals.ingest = facts;
}

export function observeIngest(source: IngestSource): RequestHandler<any> {
  return (_req, res, next) => {
    const started = performance.now();
    res.once('finish', () => {
      const facts: IngestFacts = res.locals.ingest ?? { events: 1 };
      metrics().ingested(source, ingestOutcome(res.statusCode, facts.duplicate), facts.events, (performance.now() - started) / 1000);
    });
    next();
  };
}
