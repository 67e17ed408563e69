/**
 * Liveness and readiness. /healthz: the process answers. /readyz: every dependency answers
 * within a short deadline; 503 names the ones that did not, so a load balancer stops sending.
 */
import { Router } from 'express';
import { errorMessage } from '../log';

export type ReadinessChecks = Record<string, () => Promise<void>>;

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
    const results = await Promise.allSettled(names.map((name) => withTimeout(checks[name]!)));
    const report = Object.fromEntries(
      results.map((result, i) => [names[i], result.status === 'fulfilled' ? { ok: true } : { ok: false, error: errorMessage(result.reason) }]),
    );
    const ready = results.every((result) => result.status === 'fulfilled');
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'unavailable', checks: report });
  });
  return router;
}
