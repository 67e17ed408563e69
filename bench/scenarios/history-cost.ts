/**
 * Scenario 6, history cost: what one delivery that succeeds at its first attempt writes to
 * Temporal (history events, workflow tasks), and what each interaction costs the endpoint's
 * entity workflow. History size drives the server's CPU, which is this machine's ceiling.
 */
import { temporal } from '@temporalio/proto';
import type { BenchEnvironment } from '../environment';
import { benchEndpoints, historyPerWorkflow } from './common';

const { EventType } = temporal.api.enums.v1;
const DELIVERIES = 100;

export async function historyCost(env: BenchEnvironment) {
  const endpoints = await benchEndpoints(env, ['ok']);
  const { receiver, api, ids } = endpoints;
  try {
    const answer = await api.request({
      path: '/v1/events/batch',
      method: 'POST',
      headers: { authorization: `Bearer ${env.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: Array.from({ length: DELIVERIES }, (_, n) => ({ eventType: endpoints.eventType(0), payload: { n } })) }),
    });
    const { data } = (await answer.body.json()) as { data: { id: string; deliveries: { endpointId: string }[] }[] };
    // The 202 comes before the starts: wait for the deliveries themselves.
    const deadline = Date.now() + 120_000;
    while (new Set((await receiver.arrivals()).map((a) => a[1])).size < DELIVERIES) {
      if (Date.now() > deadline) throw new Error('the history deliveries did not all arrive within two minutes');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const { client } = env.temporal;
    const workflowIds = data.map((event) => `delivery/${event.id}/${ids[0]}`);
    for (const id of workflowIds) await client.workflow.getHandle(id).result();
    const history = await historyPerWorkflow(env, workflowIds);
    const entity = await client.workflow.getHandle(`endpoint/${ids[0]}`).fetchHistory();
    const entityEvents = entity.events ?? [];
    // An interaction: an update (permits, outcomes) or a signal the entity took in.
    const interactions = entityEvents.filter(
      (e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED || e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
    ).length;
    const arrivals = await receiver.arrivals();
    return {
      deliveries: DELIVERIES,
      arrived: new Set(arrivals.map((a) => a[1])).size,
      eventsPerDelivery: history.events,
      workflowTasksPerDelivery: history.workflowTasks,
      entity: { events: entityEvents.length, interactions, eventsPerInteraction: interactions ? entityEvents.length / interactions : null },
    };
  } finally {
    await endpoints.close();
  }
}
