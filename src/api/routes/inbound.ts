/**
 * POST /in/:sourceId: where third parties post. No API key: the provider's signature is the
 * credential. The body is read as raw bytes, because every scheme signs the exact bytes; the
 * answer is a 2xx only once the webhook is durably accepted, and a refused request learns
 * nothing but "401" (the reason goes to the log and the source's failures).
 *
 * Before the body is read, the source's own rate limit and IP allow-list are applied; a request
 * they refuse costs no more than a lookup.
 */
import express, { Router, type Request, type Response } from 'express';
import { addressInCidrs, parseCidr, type Cidr } from '../../cidrs';
import type { Db } from '../../db/pool';
import type { DeliveryStarter } from '../../deliveries/starter';
import { log } from '../../log';
import { acceptInbound } from '../../inbound/accept';
import { verifierConfigOf } from '../../inbound/source-schema';
import { recordFailure, sourceById, type SourceWithSecrets } from '../../inbound/sources-repository';
import { bodyDigest, verifyInbound } from '../../inbound/verify';
import { TokenBuckets } from '../../token-buckets';
import { ApiError, rateLimited } from '../errors';
import { noteIngest, observeIngest } from '../ingest-observation';

/**
 * Refused requests recorded in a source's failure log, at most, per API process: a flood of bad
 * requests is logged but cannot turn into as many database writes.
 */
const FAILURE_RECORDS = { perSecond: 5, burst: 20 };

const sourceOf = (res: Response) => res.locals.source as SourceWithSecrets;

export function inboundRoutes(db: Db, starter: DeliveryStarter, bodyLimit: number): Router {
  const router = Router();
  const requests = new TokenBuckets();
  const failureRecords = new TokenBuckets();

  const refuse = async (req: Request, source: SourceWithSecrets, reason: string, bodyBytes: number): Promise<void> => {
    log.warn('inbound request refused', { sourceId: source.id, provider: source.provider, reason });
    if (failureRecords.take(source.id, FAILURE_RECORDS, 1, Date.now()) > 0) return;
    await recordFailure(db, source.id, { reason, headerNames: Object.keys(req.headers).sort(), bodyBytes });
  };

  const admit = async (req: Request, res: Response) => {
    const source = await sourceById(db, String(req.params.sourceId));
    if (!source) throw new ApiError(404, 'source_not_found', 'No such source.');
    if (source.rateLimit) {
      const wait = requests.take(source.id, source.rateLimit, 1, Date.now());
      if (wait > 0) throw rateLimited(wait, `This source takes ${source.rateLimit.perSecond} requests a second.`);
    }
    // req.ip is the peer's address, or what trusted proxies (SWITCHYARD_TRUSTED_PROXIES) say it was.
    if (source.allowedIps && !addressInCidrs(req.ip ?? '', source.allowedIps.map(parseCidr).filter((cidr): cidr is Cidr => cidr !== undefined))) {
      await refuse(req, source, `address ${req.ip} is not in the source's allowedIps`, Number(req.headers['content-length'] ?? 0));
      throw new ApiError(403, 'ip_not_allowed', 'Requests to this source are not accepted from this address.');
    }
    res.locals.source = source;
  };

  router.post(
    '/:sourceId',
    observeIngest('inbound'),
    async (req, res, next) => {
      await admit(req, res);
      next();
    },
    express.raw({ type: () => true, limit: bodyLimit }),
    async (req, res) => {
      const source = sourceOf(res);
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
      const url = source.publicUrl ?? `${req.protocol}://${req.get('host')}${req.originalUrl}`;

      const verification = verifyInbound(verifierConfigOf(source), { body, headers, url }, Date.now());
      if (!verification.ok) {
        await refuse(req, source, verification.reason, body.length);
        throw new ApiError(401, 'unauthorized', 'The request could not be verified.');
      }

      const accepted = await acceptInbound(db, starter, source, {
        body,
        headers,
        dedupeKey: verification.deliveryId ?? `sha256:${bodyDigest(body)}`,
        providerEventId: verification.deliveryId,
      });
      noteIngest(res, { events: 1, duplicate: accepted.duplicate });
      if (source.response) {
        res.status(source.response.status).type(source.response.contentType ?? 'text/plain').send(source.response.body ?? '');
      } else {
        res.status(202).json({ ok: true, eventId: accepted.eventId });
      }
    },
  );
  return router;
}
