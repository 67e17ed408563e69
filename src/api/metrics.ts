/**
 * GET /metrics: the Prometheus scrape target of the API process (and, under `serve` and `dev`, of
 * the worker beside it). No key: scrapers rarely carry one. Instead only callers from the CIDRs
 * in SWITCHYARD_METRICS_ALLOW (loopback unless set) are answered; anyone else gets the 404 of an
 * unknown route. Behind a proxy, set SWITCHYARD_TRUSTED_PROXIES so the caller's own address counts.
 */
import { Router } from 'express';
import { addressInCidrs, parseCidr, type Cidr } from '../cidrs';
import { exposition } from '../metrics/exposition';
import type { Metrics } from '../metrics/metrics';

export function metricsRoutes(metrics: Metrics, allow: readonly string[]): Router {
  const cidrs = allow.map(parseCidr).filter((cidr): cidr is Cidr => cidr !== undefined);
  const router = Router();
  router.get('/metrics', async (req, res, next) => {
    if (!addressInCidrs(req.ip ?? '', cidrs)) return next();
    const { contentType, body } = await exposition(metrics);
    res.type(contentType).send(body);
  });
  return router;
}
