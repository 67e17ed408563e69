/**
 * Fan-out at scale: what ingest costs in a project with many endpoints of which one matches.
 * For each size, a project of its own gets that many endpoints in one of two shapes:
 * - customers: one customer per endpoint, every endpoint subscribed to the same types, and the
 *   event sent for one customer (a provider with that many customers);
 * - own: the provider's own endpoints, each subscribed to an exact type of its own, and the event
 *   of one of those types.
 * Then single events are posted one after another and each request's time is taken. The
 * endpoints are written straight into the database (through the API, 100,000 would take minutes),
 * copies of one made through the API, which alone gets deliveries, on a receiver of its own.
 */
import crypto from 'node:crypto';
import { Pool } from 'undici';
import { nextId } from '../../src/ids';
import { createProject } from '../../src/projects/repository';
import { newSecret, type BenchEnvironment } from '../environment';
import { cpuPerDelivery, type CpuSnapshot } from '../cpu';
import { percentile } from './common';

export type FanOutShape = 'customers' | 'own';

export interface FanOutRun {
  shape: FanOutShape;
  endpoints: number;
  events: number;
  ingestP50: number;
  ingestP99: number;
  /** CPU ms per event by process over the measured events (their deliveries included). */
  cpuPerEvent: CpuSnapshot;
}

const WARM_UP = 50;
const CHUNK = 10_000;

async function call(api: Pool, apiKey: string, path: string, body: unknown) {
  const sent = performance.now();
  const answer = await api.request({
    path,
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await answer.body.text();
  return { status: answer.statusCode, body: JSON.parse(text) as Record<string, unknown> & { id: string }, ms: performance.now() - sent };
}

/** `count` - 1 copies of the template endpoint (each with a customer of its own for 'customers'). */
async function copyEndpoints(env: BenchEnvironment, projectId: string, templateId: string, shape: FanOutShape, count: number): Promise<void> {
  for (let done = 0; done < count; done += CHUNK) {
    const n = Math.min(CHUNK, count - done);
    const ids = Array.from({ length: n }, () => nextId('ep'));
    const customers = shape === 'customers' ? Array.from({ length: n }, () => nextId('cus')) : [];
    if (shape === 'customers') {
      await env.db.query(`INSERT INTO customers (id, project_id, uid, name) SELECT id, $1, 'copy-' || id, 'copy' FROM unnest($2::text[]) AS id`, [projectId, customers]);
    }
    const eventTypes = ids.map((_, i) => (shape === 'own' ? `{own.type${done + i}}` : null));
    await env.db.query(
      `INSERT INTO endpoints (id, project_id, customer_id, url, event_types, secret, timeout_ms)
       SELECT c.id, t.project_id, c.customer_id, t.url, coalesce(c.event_types::text[], t.event_types), t.secret, t.timeout_ms
         FROM endpoints t, unnest($2::text[], $3::text[], $4::text[]) AS c (id, customer_id, event_types)
        WHERE t.id = $1`,
      [templateId, ids, shape === 'customers' ? customers : ids.map(() => null), eventTypes],
    );
  }
  // Vacuumed and checkpointed now, so that neither autovacuum nor a checkpoint spread over the
  // next minutes writes out these rows during the measurement, on the same cores and disk.
  await env.db.query('VACUUM ANALYZE endpoints, customers');
  await env.db.query('CHECKPOINT');
}

/** One size in one shape: ingest p50 and p99 (ms) over `events` single events, one at a time. */
export async function fanOutAt(env: BenchEnvironment, shape: FanOutShape, endpoints: number, events: number): Promise<FanOutRun> {
  const { project, apiKey } = await createProject(env.db, `fan-out ${shape} ${endpoints}`);
  const secret = newSecret();
  const receiver = await env.startReceiver({ '/in': { secret, mode: 'ok' } });
  const api = new Pool(env.apiUrl, { connections: 1 });
  try {
    const customer = shape === 'customers' ? await call(api, apiKey, '/v1/customers', { uid: 'target', name: 'Target' }) : undefined;
    const template = await call(api, apiKey, '/v1/endpoints', {
      url: `${receiver.url}/in`,
      secret,
      eventTypes: shape === 'own' ? ['own.target'] : ['invoice.paid', 'invoice.refunded'],
      ...(customer && { customerId: customer.body.id }),
    });
    if (template.status !== 201) throw new Error(`endpoint creation answered ${template.status}: ${JSON.stringify(template.body)}`);
    await copyEndpoints(env, project.id, template.body.id, shape, endpoints - 1);

    const event = shape === 'own' ? { eventType: 'own.target' } : { eventType: 'invoice.paid', customerId: 'target' };
    const times: number[] = [];
    let cpuBefore = env.cpu();
    for (let i = 0; i < WARM_UP + events; i++) {
      if (i === WARM_UP) cpuBefore = env.cpu();
      const accepted = await call(api, apiKey, '/v1/events', { ...event, payload: { n: i, pad: crypto.randomBytes(8).toString('hex') } });
      if (accepted.status !== 202) throw new Error(`ingest answered ${accepted.status}: ${JSON.stringify(accepted.body)}`);
      if ((accepted.body.deliveries as unknown[]).length !== 1) throw new Error(`expected 1 delivery, got ${JSON.stringify(accepted.body.deliveries)}`);
      if (i >= WARM_UP) times.push(accepted.ms);
    }
    // Their deliveries done before the receiver goes, so that none is left to retry against it.
    const deadline = Date.now() + 120_000;
    while ((await env.db.query(`SELECT 1 FROM deliveries WHERE project_id = $1 AND status <> 'succeeded' LIMIT 1`, [project.id])).rows.length > 0) {
      if (Date.now() > deadline) throw new Error('the fan-out deliveries were not all delivered in 2 minutes');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const cpuPerEvent = cpuPerDelivery(cpuBefore, env.cpu(), events);
    times.sort((a, b) => a - b);
    return { shape, endpoints, events, ingestP50: percentile(times, 50), ingestP99: percentile(times, 99), cpuPerEvent };
  } finally {
    await api.close();
    await receiver.stop();
  }
}
