/** Health, readiness, metrics and this document: no key. */
import { z } from 'zod';
import type { Operation } from '../operation';

const readiness = z
  .object({
    status: z.enum(['ready', 'degraded', 'unavailable']).meta({
      description: 'ready: every dependency answered; degraded: Temporal did not, and events are still accepted (their deliveries start once it is back); unavailable: PostgreSQL did not, and nothing can be accepted.',
    }),
    checks: z
      .record(z.string(), z.union([z.object({ ok: z.literal(true) }).strict(), z.object({ ok: z.literal(false), error: z.string() }).strict()]))
      .meta({ description: 'Each dependency by name (postgres, temporal): whether it answered within 2 seconds, and if not, why.' }),
  })
  .strict()
  .meta({ id: 'Readiness' });

const tag = 'Service';

export const serviceOperations: Operation[] = [
  {
    method: 'get',
    path: '/healthz',
    id: 'getHealth',
    summary: 'Check the process answers',
    description: 'Liveness: answers as long as the process serves requests; it checks no dependency.',
    tag,
    auth: 'none',
    answers: { 200: { description: 'Alive.', schema: z.object({ status: z.literal('ok') }).strict() } },
  },
  {
    method: 'get',
    path: '/readyz',
    id: 'getReadiness',
    summary: 'Check the dependencies answer',
    description:
      'Readiness: each dependency is checked with a 2-second deadline. Without PostgreSQL the answer is a 503, so a load balancer stops sending; without Temporal it is a 200 that says degraded, since events are still accepted.',
    tag,
    auth: 'none',
    answers: {
      200: { description: 'Ready, or degraded: `checks` says which dependency did not answer, and why.', schema: readiness },
      503: { description: 'PostgreSQL did not answer; `checks` says why.', schema: readiness },
    },
  },
  {
    method: 'get',
    path: '/metrics',
    id: 'getMetrics',
    summary: 'Prometheus metrics',
    description: 'The scrape target, in the Prometheus text exposition format. Only callers from SWITCHYARD_METRICS_ALLOW are answered; others, and every caller when metrics are off, get the 404 of an unknown route.',
    tag,
    auth: 'none',
    answers: { 200: { description: 'The metrics.', content: { 'text/plain': { schema: { type: 'string' } } } } },
    errors: ['not_found'],
  },
  {
    method: 'get',
    path: '/openapi.json',
    id: 'getOpenApiDocument',
    summary: 'This OpenAPI document',
    tag,
    auth: 'none',
    answers: { 200: { description: 'The OpenAPI 3.1 document.', schema: z.record(z.string(), z.unknown()) } },
  },
  {
    method: 'get',
    path: '/docs',
    id: 'getApiReference',
    summary: 'The API reference page',
    description: 'This document, rendered as an HTML page for people.',
    tag,
    auth: 'none',
    answers: { 200: { description: 'The reference page.', content: { 'text/html': { schema: { type: 'string' } } } } },
  },
];
