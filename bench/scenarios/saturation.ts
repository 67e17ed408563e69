/**
 * Scenario 2, saturation: healthy endpoints, events posted through POST /v1/events/batch as fast
 * as the API accepts them for the duration; what the receivers got per second during that time,
 * and how long the rest took to drain.
 */
import { Pool } from 'undici';
import { newSecret, type BenchEnvironment, type ReceiverMode } from '../environment';

const BATCH = 50;
const POSTERS = 4;

export interface SaturationOptions {
  seconds: number;
  endpoints: number;
  payloadBytes: number;
}

/** Endpoints on one receiver, one event type each (`bench.e<i>`), so each event has one delivery. */
export async function benchEndpoints(env: BenchEnvironment, modes: ReceiverMode[], settings: Record<string, unknown> = {}) {
  const secrets = modes.map(() => newSecret());
  const receiver = await env.startReceiver(Object.fromEntries(modes.map((mode, i) => [`/e/${i}`, { secret: secrets[i]!, mode }])));
  const api = new Pool(env.apiUrl, { connections: POSTERS * 2 });
  const ids: string[] = [];
  for (const [i] of modes.entries()) {
    const answer = await api.request({
      path: '/v1/endpoints',
      method: 'POST',
      headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${receiver.url}/e/${i}`, eventTypes: [`bench.e${i}`], secret: secrets[i], timeoutMs: 5_000, ...settings }),
    });
    if (answer.statusCode !== 201) throw new Error(`endpoint creation answered ${answer.statusCode}: ${await answer.body.text()}`);
    ids.push(((await answer.body.json()) as { id: string }).id);
  }
  return { receiver, api, ids };
}

/**
 * POSTs a batch, as a well-behaved producer would: a 503 `over_capacity` waits its Retry-After
 * and sends the same batch again. Returns the accepted events, how long the accepting request
 * took, and how many refusals came before it.
 */
export async function postBatch(env: BenchEnvironment, api: Pool, events: unknown[]) {
  for (let refusals = 0; ; refusals++) {
    const sent = performance.now();
    const answer = await api.request({
      path: '/v1/events/batch',
      method: 'POST',
      headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    const body = (await answer.body.json()) as { data: { id: string }[] };
    if (answer.statusCode === 202) return { data: body.data, ms: performance.now() - sent, refusals };
    if (answer.statusCode !== 503) throw new Error(`batch answered ${answer.statusCode}: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, Number(answer.headers['retry-after'] ?? 1) * 1000));
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function saturation(env: BenchEnvironment, options: SaturationOptions) {
  const { receiver, api } = await benchEndpoints(env, Array.from({ length: options.endpoints }, () => 'ok'));
  try {
    const filler = 'x'.repeat(Math.max(0, options.payloadBytes - 40));
    let sequence = 0;
    const ingestMs: number[] = [];
    const postedAt = new Map<string, number>();
    let refusals = 0;
    const start = Date.now();
    const until = start + options.seconds * 1000;
    await Promise.all(
      Array.from({ length: POSTERS }, async () => {
        while (Date.now() < until) {
          const events = Array.from({ length: BATCH }, () => {
            const n = sequence++;
            return { eventType: `bench.e${n % options.endpoints}`, payload: { n, filler } };
          });
          const postedMs = Date.now();
          const { data, ms, refusals: refused } = await postBatch(env, api, events);
          ingestMs.push(ms);
          refusals += refused;
          for (const event of data) postedAt.set(event.id, postedMs);
        }
      }),
    );
    const accepted = postedAt.size;
    // Drain: wait until every accepted event has arrived (or give up after five minutes).
    let arrivals = await receiver.arrivals();
    const drainDeadline = Date.now() + 300_000;
    while (new Set(arrivals.map((a) => a[1])).size < accepted && Date.now() < drainDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      arrivals = await receiver.arrivals();
    }
    const firstArrival = new Map<string, number>();
    for (const [, id, at] of arrivals) if (!firstArrival.has(id)) firstArrival.set(id, at);
    const inWindow = [...firstArrival.values()].filter((at) => at <= until).length;
    const lastArrival = [...firstArrival.values()].reduce((latest, at) => Math.max(latest, at), start);
    const endToEnd = [...firstArrival.entries()].map(([id, at]) => at - (postedAt.get(id) ?? at)).sort((a, b) => a - b);
    const sortedIngest = [...ingestMs].sort((a, b) => a - b);
    return {
      accepted,
      refusals,
      acceptedPerSecond: accepted / options.seconds,
      delivered: firstArrival.size,
      deliveredPerSecondDuringLoad: inWindow / options.seconds,
      deliveredPerSecondOverall: firstArrival.size / ((lastArrival - start) / 1000),
      drainSeconds: Math.max(0, (lastArrival - until) / 1000),
      invalidSignatures: arrivals.filter((a) => !a[3]).length,
      duplicates: arrivals.length - firstArrival.size,
      ingestMs: { p50: percentile(sortedIngest, 50), p99: percentile(sortedIngest, 99) },
      endToEndMs: { p50: percentile(endToEnd, 50), p95: percentile(endToEnd, 95), p99: percentile(endToEnd, 99) },
    };
  } finally {
    await api.close();
    await receiver.stop();
  }
}
