/**
 * POST /in/:sourceId: where third parties post. No API key: the provider's signature is the
 * credential. The body is read as raw bytes, because every scheme signs the exact bytes; the
 * answer is a 2xx only once the webhook is durably accepted, and a refused request learns
 * nothing but "401" (the reason goes to the log and the source's failures).
 */
import express, { Router } from 'express';
import type { Db } from '../../db/pool';
import type { DeliveryStarter } from '../../deliveries/starter';
import { log } from '../../log';
import { acceptInbound } from '../../inbound/accept';
import { verifierConfigOf } from '../../inbound/source-schema';
import { recordFailure, sourceById } from '../../inbound/sources-repository';
import { bodyDigest, verifyInbound } from '../../inbound/verify';
import { ApiError } from '../errors';

export function inboundRoutes(db: Db, starter: DeliveryStarter, bodyLimit: number): Router {
  const router = Router();
  router.post('/:sourceId', express.raw({ type: () => true, limit: bodyLimit }), async (req, res) => {
    const source = await sourceById(db, req.params.sourceId);
    if (!source) throw new ApiError(404, 'source_not_found', 'No such source.');
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : value]));
    const url = source.publicUrl ?? `${req.protocol}://${req.get('host')}${req.originalUrl}`;

    const verification = verifyInbound(verifierConfigOf(source), { body, headers, url }, Date.now());
    if (!verification.ok) {
      log.warn('inbound request refused', { sourceId: source.id, provider: source.provider, reason: verification.reason });
      await recordFailure(db, source.id, { reason: verification.reason, headerNames: Object.keys(headers).sort(), bodyBytes: body.length });
      throw new ApiError(401, 'unauthorized', 'The request could not be verified.');
    }

    const accepted = await acceptInbound(db, starter, source, {
      body,
      headers,
      dedupeKey: verification.deliveryId ?? `sha256:${bodyDigest(body)}`,
      providerEventId: verification.deliveryId,
    });
    if (source.response) {
      res.status(source.response.status).type(source.response.contentType ?? 'text/plain').send(source.response.body ?? '');
    } else {
      res.status(202).json({ ok: true, eventId: accepted.eventId });
    }
  });
  return router;
}
