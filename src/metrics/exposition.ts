/**
 * What a scrape answers: Switchyard's metrics and, in a process that runs a Temporal worker, the
 * SDK's own (task slots, poll and schedule-to-start latencies, request failures), so each process
 * is one scrape target. The SDK's Rust core serves its metrics on a listener of its own; it is
 * bound to a free loopback port and read from here.
 */
import net from 'node:net';
import { request } from 'undici';
import { errorMessage, log } from '../log';
import type { Metrics } from './metrics';

let temporalMetricsUrl: string | undefined;

/** A loopback address with a free port, for the SDK's Prometheus listener. */
export async function freeLoopbackAddress(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `127.0.0.1:${port}`;
}

/** Where the SDK's core serves its metrics (set once the Temporal runtime is installed with them). */
export function includeTemporalMetrics(bindAddress: string): void {
  temporalMetricsUrl = `http://${bindAddress}/metrics`;
}

async function temporalMetrics(): Promise<string> {
  if (!temporalMetricsUrl) return '';
  try {
    const answer = await request(temporalMetricsUrl, { headersTimeout: 2_000, bodyTimeout: 2_000 });
    const text = await answer.body.text();
    return answer.statusCode === 200 ? text : '';
  } catch (error) {
    log.debug("metrics: the Temporal SDK's listener did not answer", { error: errorMessage(error) });
    return '';
  }
}

export async function exposition(metrics: Metrics): Promise<{ contentType: string; body: string }> {
  const [own, temporal] = await Promise.all([metrics.registry.metrics(), temporalMetrics()]);
  const body = temporal ? `${own.trimEnd()}\n${temporal}` : own;
  return { contentType: metrics.registry.contentType, body };
}
