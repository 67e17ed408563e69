/**
 * Liveness and readiness. /healthz: the process answers. /readyz: each dependency is asked, with
 * a short deadline. A required one not answering (PostgreSQL: nothing can be accepted without it)
 * is a 503, so a load balancer stops sending; any other (Temporal: events are still accepted, and
 * their deliveries start once it is back) leaves the process `degraded` but serving.
 */
import { Router } from 'express';
import { errorMessage } from '../log';

export type ReadinessChecks = Record<string, { check: () => Promise<void>; required: boolean }>;

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout(check: () => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
    check().then(resolve, reject).finally(() => clearTimeout(timer));
  });
}

export function healthRoutes(checks: ReadinessChecks): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const names = Object.keys(checks);
    const results = await Promise.allSettled(names.map((name) => withTimeout(checks[name]!.check)));
    const report = Object.fromEntries(
      results.map((result, i) => [names[i], result.status === 'fulfilled' ? { ok: true } : { ok: false, error: errorMessage(result.reason) }]),
    );
    const failed = names.filter((_, i) => results[i]!.status === 'rejected');
    const status = failed.some((name) => checks[name]!.required) ? 'unavailable' : failed.length > 0 ? 'degraded' : 'ready';
    res.status(status === 'unavailable' ? 503 : 200).json({ status, checks: report });
  });
  return router;
}
