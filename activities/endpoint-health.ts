/**
 * What an endpoint's entity workflow does to the world: persist its decisions on the endpoint,
 * stop or wake the endpoint's waiting deliveries (by signalling their workflows), and replay
 * past deliveries. Regular activities: they may take a while and must survive worker restarts.
 */
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Db } from '../src/db/pool';
import { replayPage } from '../src/deliveries/replay';
import { unfinishedDeliveries } from '../src/deliveries/repository';
import type { DeliveryStarter } from '../src/deliveries/starter';
import { cancelSignal, wakeSignal } from '../src/deliveries/workflow-contract';
import type { CircuitState } from '../src/endpoint-health/circuit';
import type { EndpointStatus } from '../src/endpoint-health/snapshot';
import type { RateLimit } from '../src/endpoint-health/settings';
import { endpointById, setEndpointCircuitState, setEndpointRateLimit, setEndpointStatus } from '../src/endpoints/repository';
import { signalAll } from './signal-workflows';

export interface EndpointHealthDependencies {
  db: Db;
  client: Client;
  starter: DeliveryStarter;
}

const PAGE = 500;

export function createEndpointHealthActivities({ db, client, starter }: EndpointHealthDependencies) {
  return {
    async persistEndpointStatus({ endpointId, status, reason }: { endpointId: string; status: EndpointStatus; reason: string | null }) {
      return { version: await setEndpointStatus(db, endpointId, status, reason) };
    },

    async persistEndpointCircuit({ endpointId, circuit }: { endpointId: string; circuit: CircuitState }) {
      await setEndpointCircuitState(db, endpointId, circuit);
    },

    async persistEndpointRateLimit({ endpointId, rateLimit }: { endpointId: string; rateLimit: RateLimit | null }) {
      return { version: await setEndpointRateLimit(db, endpointId, rateLimit) };
    },

    /** Disabled: every delivery still waiting stops, recorded as cancelled with the reason. */
    async cancelUnfinishedDeliveries({ endpointId, reason }: { endpointId: string; reason: string }) {
      let cancelled = 0;
      let after: string | undefined;
      for (;;) {
        const page = await unfinishedDeliveries(db, endpointId, ['pending', 'retrying', 'held'], PAGE, after);
        if (page.length === 0) return { cancelled };
        cancelled += await signalAll(client, page.map((d) => d.workflowId), cancelSignal, { reason });
        after = page.at(-1)!.id;
        Context.current().heartbeat(after);
      }
    },

    /** Resumed or circuit closed: held deliveries try again now (the first `limit` only, for probes). */
    async wakeHeldDeliveries({ endpointId, limit }: { endpointId: string; limit: number | null }) {
      let woken = 0;
      let after: string | undefined;
      for (;;) {
        const page = await unfinishedDeliveries(db, endpointId, ['held'], Math.min(PAGE, limit === null ? PAGE : limit - woken), after);
        if (page.length === 0) return { woken };
        woken += await signalAll(client, page.map((d) => d.workflowId), wakeSignal);
        if (limit !== null && woken >= limit) return { woken };
        after = page.at(-1)!.id;
        Context.current().heartbeat(after);
      }
    },

    /** Pages through the replay, resuming from the last page a previous attempt finished. */
    async replayDeliveries(scope: { endpointId: string; projectId: string; replayId: string; since: string; until: string | null; statuses: string[] }) {
      const endpoint = await endpointById(db, scope.endpointId);
      if (!endpoint || endpoint.deleted) return { matched: 0 };
      const context = Context.current();
      let { after, matched } = (context.info.heartbeatDetails as { after: string | null; matched: number } | undefined) ?? { after: null, matched: 0 };
      for (;;) {
        const page = await replayPage(db, scope, endpoint, after, PAGE);
        if (page.lastEventId === null) return { matched };
        const failed = await starter.start(page.toStart);
        if (failed.length > 0) throw new Error(`${failed.length} replayed deliveries could not be started yet`);
        matched += page.matched;
        after = page.lastEventId;
        context.heartbeat({ after, matched });
      }
    },
  };
}

export type EndpointHealthActivities = ReturnType<typeof createEndpointHealthActivities>;
