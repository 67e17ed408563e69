/**
 * Fairness between projects: a quiet project publishes a trickle of single events, first alone,
 * then while a second project floods the gateway with batches from 4 producers (honouring 503
 * and 429 as producers should). The figure: the quiet project's end-to-end p99 during the flood,
 * as a ratio to its p99 alone. A quiet event that is refused is sent again after its Retry-After,
 * and its time counts from the first try: what the producer waited is what it waited.
 */
import { createProject } from '../../src/projects/repository';
import type { BenchEnvironment } from '../environment';
import { benchEndpoints, percentile, postBatch } from './common';

const FLOOD_PRODUCERS = 4;
const FLOOD_BATCH = 50;
const FLOOD_ENDPOINTS = 10;
/** How long the flood runs before the quiet trickle starts: long enough to fill the start queue. */
const FLOOD_LEAD_MS = 10_000;

export interface FairnessResult {
  quietRate: number;
  alone: { events: number; p50: number; p99: number; refusals: number };
  duringFlood: { events: number; p50: number; p99: number; refusals: number };
  flood: { acceptedEvents: number; refusals: number };
}

type Endpoints = Awaited<ReturnType<typeof benchEndpoints>>;

/** Single events at `rate` a second for `seconds` (open loop), each retried until accepted; end-to-end ms of each. */
async function trickle(env: BenchEnvironment, endpoints: Endpoints, rate: number, seconds: number) {
  const sentAt = new Map<string, number>();
  let refusals = 0;
  const sendOne = async (n: number) => {
    const first = Date.now();
    for (;;) {
      const answer = await endpoints.api.request({
        path: '/v1/events',
        method: 'POST',
        headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ eventType: endpoints.eventType(0), payload: { n } }),
      });
      const body = (await answer.body.json()) as { id?: string };
      if (answer.statusCode === 202 && body.id) return void sentAt.set(body.id, first);
      if (answer.statusCode !== 503 && answer.statusCode !== 429) throw new Error(`the quiet project's event answered ${answer.statusCode}`);
      refusals++;
      await new Promise((resolve) => setTimeout(resolve, Number(answer.headers['retry-after'] ?? 1) * 1000));
    }
  };
  await endpoints.receiver.arrivals(true);
  const sending: Promise<void>[] = [];
  const start = Date.now();
  const total = Math.round(rate * seconds);
  for (let n = 0; n < total; n++) {
    const due = start + (n * 1000) / rate;
    if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    sending.push(sendOne(n));
  }
  await Promise.all(sending);
  const firstArrival = new Map<string, number>();
  const deadline = Date.now() + 600_000;
  while (firstArrival.size < sentAt.size && Date.now() < deadline) {
    for (const [, id, at] of await endpoints.receiver.arrivals()) if (sentAt.has(id) && !firstArrival.has(id)) firstArrival.set(id, at);
    if (firstArrival.size < sentAt.size) await new Promise((resolve) => setTimeout(resolve, 500));
  }
  if (firstArrival.size < sentAt.size) throw new Error(`${sentAt.size - firstArrival.size} of the quiet project's events had not arrived after 10 minutes`);
  const endToEnd = [...firstArrival].map(([id, at]) => at - sentAt.get(id)!).sort((a, b) => a - b);
  return { events: endToEnd.length, p50: percentile(endToEnd, 50), p99: percentile(endToEnd, 99), refusals };
}

export async function fairness(env: BenchEnvironment, { seconds, rate }: { seconds: number; rate: number }): Promise<FairnessResult> {
  const flooder = await createProject(env.db, 'bench flood');
  const floodEnv: BenchEnvironment = { ...env, apiKey: flooder.apiKey, projectId: flooder.project.id };
  const quiet = await benchEndpoints(env, ['ok']);
  const flood = await benchEndpoints(floodEnv, Array(FLOOD_ENDPOINTS).fill('ok'));
  try {
    await postBatch(env, quiet.api, [{ eventType: quiet.eventType(0), payload: { warmUp: true } }]);
    const alone = await trickle(env, quiet, rate, seconds);

    let flooding = true;
    let acceptedEvents = 0;
    let floodRefusals = 0;
    const producers = Array.from({ length: FLOOD_PRODUCERS }, async (_, p) => {
      for (let n = 0; flooding; n++) {
        const events = Array.from({ length: FLOOD_BATCH }, (_, i) => ({ eventType: flood.eventType((n + i) % FLOOD_ENDPOINTS), payload: { p, n, i } }));
        const { data, refusals } = await postBatch(floodEnv, flood.api, events);
        acceptedEvents += data.length;
        floodRefusals += refusals;
      }
    });
    await new Promise((resolve) => setTimeout(resolve, FLOOD_LEAD_MS));
    const duringFlood = await trickle(env, quiet, rate, seconds);
    flooding = false;
    await Promise.all(producers);
    return { quietRate: rate, alone, duringFlood, flood: { acceptedEvents, refusals: floodRefusals } };
  } finally {
    // The flood's backlog is no one's to wait for: cancel what has not started, then stop the rest.
    await env.db.query(
      `UPDATE deliveries SET status = 'cancelled', status_reason = 'the benchmark flood ended' WHERE project_id = $1 AND workflow_started_at IS NULL AND status <> 'cancelled'`,
      [flooder.project.id],
    );
    await flood.disable(flood.ids.map((_, i) => i));
    await flood.close();
    await quiet.close();
  }
}
