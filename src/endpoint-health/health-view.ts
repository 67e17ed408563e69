/** What an endpoint's entity shows of its state: the `state` query and GET /v1/endpoints/:id/health. */
import type { CircuitState } from './circuit';
import type { EntityState } from './entity-state';
import { windowCounts } from './outcomes';
import type { Replay } from './replays';
import type { EndpointStatus } from './snapshot';

export interface EndpointHealth {
  endpointId: string;
  status: EndpointStatus;
  statusReason: string | null;
  circuit: { state: CircuitState; trips: number; consecutiveFailures: number; openedAt: string | null; halfOpensAt: string | null };
  rate: {
    perSecond: number | null;
    burst: number | null;
    effectivePerSecond: number | null;
    retryAfterUntil: string | null;
    /** How the rate has adapted to 429s and 503s: decreases so far, the latest low, and when. */
    slowDowns: { count: number; lowestPerSecond: number | null; lastAt: string | null };
  };
  recent: {
    windowSeconds: number;
    attempts: number;
    successes: number;
    failures: number;
    throttled: number;
    failureRatio: number;
    lastSuccessAt: string | null;
    lastFailureAt: string | null;
    failingSince: string | null;
  };
  totals: EntityState['totals'];
  workers: number;
  replays: Replay[];
  runs: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function healthView(state: EntityState, now: number): EndpointHealth {
  const windowMs = state.settings.circuit.windowMs;
  const counts = windowCounts(state.window, now, windowMs);
  const attempts = counts.successes + counts.failures;
  return {
    endpointId: state.endpointId,
    status: state.status,
    statusReason: state.statusReason,
    circuit: {
      state: state.circuit.state,
      trips: state.circuit.trips,
      consecutiveFailures: state.consecutiveFailures,
      openedAt: iso(state.circuit.openedAt),
      halfOpensAt: iso(state.circuit.halfOpensAt),
    },
    rate: {
      perSecond: state.settings.rateLimit?.perSecond ?? null,
      burst: state.settings.rateLimit?.burst ?? null,
      effectivePerSecond: state.rate.effective === null ? null : Math.round(state.rate.effective * 100) / 100,
      retryAfterUntil: state.holdUntil !== null && state.holdUntil > now ? iso(state.holdUntil) : null,
      slowDowns: {
        count: state.rate.decreases,
        lowestPerSecond: state.rate.lowest === null ? null : Math.round(state.rate.lowest * 100) / 100,
        lastAt: iso(state.rate.lastDecreaseAt),
      },
    },
    recent: {
      windowSeconds: windowMs / 1000,
      attempts: attempts + counts.throttled,
      ...counts,
      failureRatio: attempts === 0 ? 0 : Math.round((counts.failures / attempts) * 1000) / 1000,
      lastSuccessAt: iso(state.lastSuccessAt),
      lastFailureAt: iso(state.lastFailureAt),
      failingSince: iso(state.failingSince),
    },
    totals: state.totals,
    workers: Object.keys(state.lessees).length,
    replays: state.replays,
    runs: state.runs,
  };
}
