/**
 * Scenario 2, saturation: healthy endpoints, events posted as fast as the API accepts them for
 * the duration, by closed-loop producers that honour 503 Retry-After; what the receivers got per
 * second during that time, how long the rest took to drain, and the CPU each process spent per
 * delivery from the first post to the last arrival. Two shapes:
 *   batch:  4 producers posting batches of 50 (POST /v1/events/batch);
 *   single: 16 producers posting one event per request (POST /v1/events), as most producers do.
 */
import { cpuPerDelivery } from '../cpu';
import type { BenchEnvironment } from '../environment';
import { benchEndpoints, percentile, postBatch, postSingle } from './common';

const SHAPES = {
  batch: { producers: 4, batch: 50 },
  single: { producers: 16, batch: 1 },
};

export interface SaturationOptions {
  seconds: number;
  endpoints: number;
  payloadBytes: number;
  shape: keyof typeof SHAPES;
}

export async function saturation(env: BenchEnvironment, options: SaturationOptions) {
  const endpoints = await benchEndpoints(env, Array.from({ length: options.endpoints }, () => 'ok'));
  const { receiver, api } = endpoints;
  try {
    const filler = 'x'.repeat(Math.max(0, options.payloadBytes - 40));
    let sequence = 0;
    const ingestMs: number[] = [];
    const postedAt = new Map<string, number>();
    let refusals = 0;
    const { producers, batch } = SHAPES[options.shape];
    const cpuBefore = env.cpu();
    const start = Date.now();
    const until = start + options.seconds * 1000;
    await Promise.all(
      Array.from({ length: producers }, async () => {
        while (Date.now() < until) {
          const events = Array.from({ length: batch }, () => {
            const n = sequence++;
            return { eventType: endpoints.eventType(n % options.endpoints), payload: { n, filler } };
          });
          const postedMs = Date.now();
          const { data, ms, refusals: refused } = batch === 1 ? await postSingle(env, api, events[0]) : await postBatch(env, api, events);
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
    const cpuAfter = env.cpu();
    const firstArrival = new Map<string, number>();
    for (const [, id, at] of arrivals) if (!firstArrival.has(id)) firstArrival.set(id, at);
    const inWindow = [...firstArrival.values()].filter((at) => at <= until).length;
    const lastArrival = [...firstArrival.values()].reduce((latest, at) => Math.max(latest, at), start);
    const endToEnd = [...firstArrival.entries()].map(([id, at]) => at - (postedAt.get(id) ?? at)).sort((a, b) => a - b);
    const sortedIngest = [...ingestMs].sort((a, b) => a - b);
    return {
      shape: { producers, eventsPerRequest: batch },
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
      cpuMsPerDelivery: cpuPerDelivery(cpuBefore, cpuAfter, firstArrival.size),
    };
  } finally {
    await endpoints.close();
  }
}
