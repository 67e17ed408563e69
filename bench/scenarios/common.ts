/**
 * What the load scenarios share: endpoints of their own on a receiver of their own, a producer
 * that honours 503 Retry-After, history counts, and percentiles.
 */
import crypto from 'node:crypto';
import { temporal } from '@temporalio/proto';
import { Pool } from 'undici';
import { newSecret, type BenchEnvironment, type ReceiverMode } from '../environment';

const CONNECTIONS = 32;

/**
 * Endpoints on one receiver, in the given modes, one event type each, so each event has one
 * delivery. The event types carry a prefix of their own: the project outlives the scenario, and
 * another scenario's events must never reach these endpoints. `close()` deletes the endpoints.
 */
export async function benchEndpoints(env: BenchEnvironment, modes: ReceiverMode[], settings: Record<string, unknown> = {}) {
  const prefix = `bench.${crypto.randomBytes(4).toString('hex')}`;
  const eventType = (i: number) => `${prefix}.e${i}`;
  const secrets = modes.map(() => newSecret());
  const receiver = await env.startReceiver(Object.fromEntries(modes.map((mode, i) => [`/e/${i}`, { secret: secrets[i]!, mode }])));
  const api = new Pool(env.apiUrl, { connections: CONNECTIONS });
  const call = async (method: 'POST' | 'DELETE', path: string, body?: unknown) => {
    const answer = await api.request({
      path,
      method,
      headers: { authorization: `Bearer ${env.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: answer.statusCode, text: await answer.body.text() };
  };
  const ids: string[] = [];
  for (const [i] of modes.entries()) {
    const created = await call('POST', '/v1/endpoints', { url: `${receiver.url}/e/${i}`, eventTypes: [eventType(i)], secret: secrets[i], timeoutMs: 5_000, ...settings });
    if (created.status !== 201) throw new Error(`endpoint creation answered ${created.status}: ${created.text}`);
    ids.push((JSON.parse(created.text) as { id: string }).id);
  }
  return {
    receiver,
    api,
    ids,
    eventType,
    /**
     * Disables these endpoints: their waiting deliveries are cancelled now rather than later.
     * Returns once those workflows have closed: each cancellation is a workflow task, and the
     * next scenario's figures must not carry hundreds of them (they stalled the next latency
     * run by seconds).
     */
    async disable(indices: number[]) {
      for (const i of indices) await call('POST', `/v1/endpoints/${ids[i]}/disable`);
      if (indices.length === 0) return;
      const query = `WorkflowType = 'deliveryWorkflow' AND ExecutionStatus = 'Running' AND EndpointId IN (${indices.map((i) => `'${ids[i]}'`).join(', ')})`;
      const deadline = Date.now() + 5 * 60_000;
      while ((await env.temporal.client.workflow.count(query)).count > 0) {
        if (Date.now() > deadline) throw new Error('the disabled endpoints\' deliveries were still running after 5 minutes');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    },
    async close() {
      for (const id of ids) await call('DELETE', `/v1/endpoints/${id}`);
      await api.close();
      await receiver.stop();
    },
  };
}

/**
 * POSTs events as a well-behaved producer would: a 503 `over_capacity` or a 429 `rate_limited`
 * waits its Retry-After and sends the same request again. Returns the answer's body, how long the accepting request took,
 * and how many refusals came before it.
 */
async function postUntilAccepted(env: BenchEnvironment, api: Pool, path: string, body: unknown) {
  for (let refusals = 0; ; refusals++) {
    const sent = performance.now();
    const answer = await api.request({
      path,
      method: 'POST',
      headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const answered = await answer.body.json();
    if (answer.statusCode === 202) return { answered, ms: performance.now() - sent, refusals };
    if (answer.statusCode !== 503 && answer.statusCode !== 429) throw new Error(`${path} answered ${answer.statusCode}: ${JSON.stringify(answered)}`);
    await new Promise((resolve) => setTimeout(resolve, Number(answer.headers['retry-after'] ?? 1) * 1000));
  }
}

/** One event through POST /v1/events, sent once whatever the answer (an open-loop sender's): its id when accepted. */
export async function postOnce(env: BenchEnvironment, api: Pool, event: unknown): Promise<string | undefined> {
  const answer = await api.request({
    path: '/v1/events',
    method: 'POST',
    headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
  const body = (await answer.body.json()) as { id?: string };
  return answer.statusCode === 202 ? body.id : undefined;
}

/** A batch through POST /v1/events/batch: the accepted events, the request's time, the refusals before it. */
export async function postBatch(env: BenchEnvironment, api: Pool, events: unknown[]) {
  const { answered, ms, refusals } = await postUntilAccepted(env, api, '/v1/events/batch', { events });
  return { data: (answered as { data: { id: string }[] }).data, ms, refusals };
}

/** One event through POST /v1/events, answered like postBatch. */
export async function postSingle(env: BenchEnvironment, api: Pool, event: unknown) {
  const { answered, ms, refusals } = await postUntilAccepted(env, api, '/v1/events', event);
  return { data: [answered as { id: string }], ms, refusals };
}

export function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}


/** History events and workflow tasks, averaged over these workflows as they stand now. */
export async function historyPerWorkflow(env: BenchEnvironment, workflowIds: string[]): Promise<{ events: number; workflowTasks: number }> {
  let events = 0;
  let workflowTasks = 0;
  for (const id of workflowIds) {
    const history = (await env.temporal.client.workflow.getHandle(id).fetchHistory()).events ?? [];
    events += history.length;
    workflowTasks += history.filter((e) => e.eventType === temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED).length;
  }
  return { events: events / workflowIds.length, workflowTasks: workflowTasks / workflowIds.length };
}
