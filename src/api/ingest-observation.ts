/**
 * Ingest observed at the HTTP edge (POST /v1/events and /batch, /in/:sourceId, the portal's test
 * event): counted (how many events each request brought, what came of them, how long the answer
 * took) and traced. Handlers say how many events they had in hand (`res.locals.ingest`); a request
 * refused before that counts one.
 */
import type { RequestHandler, Response } from 'express';
import { metrics, type IngestOutcome, type IngestSource } from '../metrics/metrics';
import { SpanKind, traced, withIncomingTrace } from '../tracing/tracing';

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

/**
 * Counts the request when it is answered, and (with tracing on) makes it the root span of the
 * traces its deliveries continue, itself the child of the caller's `traceparent` if it sent one.
 */
export function observeIngest(source: IngestSource): RequestHandler<any> {
  return (req, res, next) => {
    const started = performance.now();
    const span = { 'http.request.method': req.method, 'http.route': `${req.baseUrl}${req.route?.path ?? ''}` };
    void withIncomingTrace(req.headers, () =>
      traced(`ingest ${source}`, SpanKind.SERVER, span, (active) => {
        const answered = new Promise<void>((resolve) => {
          res.once('finish', () => {
            const facts: IngestFacts = res.locals.ingest ?? { events: 1 };
            metrics().ingested(source, ingestOutcome(res.statusCode, facts.duplicate), facts.events, (performance.now() - started) / 1000);
            active.setAttribute('http.response.status_code', res.statusCode);
            resolve();
          });
          res.once('close', () => resolve());
        });
        next();
        return answered;
      }),
    );
  };
}
