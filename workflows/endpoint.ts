/**
 * The endpoint entity workflow: one per endpoint, id `endpoint/{endpointId}`, long-lived. It is
 * the authority on the endpoint's status (active, paused, disabled), its circuit (closed, open,
 * half-open) and its pace (rate limit, adapted on 429 and 503).
 *
 * Deliveries do not ask it for each attempt. Each worker process holds a short lease per
 * endpoint (the `exchange` update): what it may send, at what rate, how many failures it may see
 * before it must report back. Outcomes come back in the next exchange, folded into one report.
 * So the healthy path costs one update per endpoint and worker every second or so, however many
 * deliveries flow.
 *
 * Operators send signals (`pause`, `resume`, `disable`, `enable`, `resetCircuit`, `setRateLimit`,
 * `replay`; all defined in src/endpoint-health/workflow-contract.ts); the REST API sends the same
 * commands as the `command` update, which answers once they have taken effect. The `state` query
 * reads everything. What a report, an exchange or a command means is decided by pure functions
 * (src/endpoint-health/entity-state.ts, commands.ts); this file carries out the effects they
 * return: persist, notify, wake or cancel deliveries, replay.
 *
 * History stays bounded: when the server suggests it, the workflow waits for its handlers and
 * effects to finish and continues as new, carrying its state.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { EndpointHealthActivities } from '../activities/endpoint-health';
import { applyCommand, commandProblem, type Command } from '../src/endpoint-health/commands';
import { adoptSnapshot, advance, exchange, initialState, nextWakeAt, type Effect, type EntityState } from '../src/endpoint-health/entity-state';
import { healthView } from '../src/endpoint-health/health-view';
import { exchangeProblem } from '../src/endpoint-health/lease';
import { finishReplay } from '../src/endpoint-health/replays';
import { isSnapshot } from '../src/endpoint-health/snapshot';
import {
  commandUpdate,
  disableSignal,
  enableSignal,
  exchangeUpdate,
  pauseSignal,
  refreshSignal,
  replayFinishedSignal,
  replaySignal,
  resetCircuitSignal,
  resumeSignal,
  setRateLimitSignal,
  stateQuery,
  type EndpointEntityInput,
} from '../src/endpoint-health/workflow-contract';
import { noticeWorkflow } from './notice';
import { replayWorkflow } from './replay';

const { persistEndpointStatus, persistEndpointRateLimit, persistEndpointCircuit, cancelUnfinishedDeliveries, wakeHeldDeliveries } = proxyActivities<EndpointHealthActivities>({
  startToCloseTimeout: '2 minutes',
  // Our own failures (database down): retried until the infrastructure is back.
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/** Marks the histories where the entity copies its circuit to the endpoint's row. */
const CIRCUIT_COPY_PATCH = 'copy-circuit-state';

/**
 * Notices and replays can take long (a project's webhook down for hours, a replay of a day's
 * deliveries), so they run as workflows of their own that outlive this run: the entity never
 * waits on them to continue as new.
 */
const detached = { parentClosePolicy: ParentClosePolicy.ABANDON } as const;

export async function endpointWorkflow(input: EndpointEntityInput): Promise<void> {
  const state: EntityState = input.carried ?? initialState(input.endpointId, input.projectId, input.snapshot);
  const queue: Effect[] = [];
  let queued = 0;
  let done = 0;

  const enqueue = (effects: Effect[]) => {
    queue.push(...effects);
    queued += effects.length;
    return queued;
  };

  /** Signals carry no answer: a command that makes no sense is logged and dropped. */
  const command = (c: Command) => {
    const problem = commandProblem(state, c);
    if (problem) return log.warn('endpoint command ignored', { endpointId: state.endpointId, command: c.type, problem });
    enqueue(applyCommand(state, c, Date.now()));
  };

  setHandler(
    exchangeUpdate,
    (request) => {
      const { lease, effects } = exchange(state, request, Date.now());
      enqueue(effects);
      return lease;
    },
    {
      validator: (request) => {
        const problem = exchangeProblem(request);
        if (problem) throw new Error(problem);
      },
    },
  );
  setHandler(
    commandUpdate,
    async (c) => {
      const target = enqueue(applyCommand(state, c, Date.now()));
      await condition(() => done >= target);
      return healthView(state, Date.now());
    },
    {
      validator: (c) => {
        const problem = commandProblem(state, c);
        if (problem) throw new Error(problem);
      },
    },
  );
  setHandler(stateQuery, () => healthView(state, Date.now()));
  setHandler(pauseSignal, (r) => command({ type: 'pause', reason: r?.reason }));
  setHandler(resumeSignal, () => command({ type: 'resume' }));
  setHandler(disableSignal, (r) => command({ type: 'disable', reason: r?.reason }));
  setHandler(enableSignal, () => command({ type: 'enable' }));
  setHandler(resetCircuitSignal, () => command({ type: 'resetCircuit' }));
  setHandler(setRateLimitSignal, (rateLimit) => command({ type: 'setRateLimit', rateLimit: rateLimit ?? null }));
  setHandler(replaySignal, (request) => command({ type: 'replay', ...request }));
  setHandler(refreshSignal, (snapshot) => {
    if (!isSnapshot(snapshot)) return log.warn('refresh ignored: not an endpoint snapshot', { endpointId: state.endpointId });
    enqueue(adoptSnapshot(state, snapshot));
  });
  setHandler(replayFinishedSignal, (outcome) => {
    if (typeof outcome?.id !== 'string') return log.warn('replayFinished ignored: no replay id', { endpointId: state.endpointId });
    state.replays = finishReplay(state.replays, outcome.id, typeof outcome.error === 'string' ? { error: outcome.error } : { matched: Number(outcome.matched) || 0 });
  });

  async function carryOut(effect: Effect): Promise<void> {
    const endpointId = state.endpointId;
    switch (effect.kind) {
      case 'persistStatus': {
        const { version } = await persistEndpointStatus({ endpointId, status: effect.status, reason: effect.reason });
        state.version = Math.max(state.version, version);
        return;
      }
      case 'persistRateLimit': {
        const { version } = await persistEndpointRateLimit({ endpointId, rateLimit: effect.rateLimit });
        state.version = Math.max(state.version, version);
        return;
      }
      case 'cancelUnfinished':
        await cancelUnfinishedDeliveries({ endpointId, reason: effect.reason });
        return;
      case 'wakeHeld':
        await wakeHeldDeliveries({ endpointId, limit: effect.limit });
        return;
      case 'notice': {
        const id = `ntc_${uuid4()}`;
        const notice = { id, projectId: state.projectId, type: effect.type, occurredAt: new Date(Date.now()).toISOString(), data: { endpointId, ...effect.data } };
        await startChild(noticeWorkflow, { workflowId: `notice/${id}`, args: [notice], ...detached });
        return;
      }
      case 'replay':
        await startChild(replayWorkflow, {
          workflowId: `replay/${effect.replay.id}/${uuid4()}`,
          args: [{ endpointId, projectId: state.projectId, replay: effect.replay }],
          ...detached,
        });
        return;
    }
  }

  for (;;) {
    enqueue(advance(state, Date.now()));
    while (queue.length > 0) {
      await carryOut(queue.shift()!);
      done++;
    }
    // The circuit's copy on the endpoint's row, for the metrics, after the turn that moved it.
    // Behind a patch: histories from before it replay without the activity.
    if (state.circuit.state !== (state.copiedCircuit ?? 'closed') && patched(CIRCUIT_COPY_PATCH)) {
      await persistEndpointCircuit({ endpointId: state.endpointId, circuit: state.circuit.state });
      state.copiedCircuit = state.circuit.state;
    }
    if (state.deleted) return;
    if (workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      if (queue.length === 0) {
        state.runs++;
        await continueAsNew<typeof endpointWorkflow>({ ...input, carried: state });
      }
      continue;
    }
    const wakeAt = nextWakeAt(state);
    // A handler can move the wake-up without queueing an effect (a failed probe re-opens the
    // circuit with a longer cool-down): the timer is set again, or the circuit would never
    // half-open by itself, and the deliveries it holds sleep until their own recheck.
    const due = () => queue.length > 0 || state.deleted || workflowInfo().continueAsNewSuggested || nextWakeAt(state) !== wakeAt;
    if (wakeAt === null) await condition(due);
    else await condition(due, Math.max(1, wakeAt - Date.now()));
  }
}
