/**
 * The permit protocol between a worker and an endpoint's entity: the worker's exchange (its
 * outcomes since last time, and the endpoint as it last read it) and the lease it gets back
 * (what it may send until the lease ends). The entity's side is `exchange` in entity-state.ts;
 * the worker's is activities/endpoint-permits.ts.
 */
import { isJsonObject } from '../json';
import type { CircuitState } from './circuit';
import type { OutcomeReport } from './outcomes';
import type { RateLimit } from './settings';
import { isSnapshot, type EndpointSnapshot, type EndpointStatus } from './snapshot';

/** What a worker sends: its outcomes since last time, and the endpoint as it last read it. */
export interface ExchangeRequest {
  lessee: string;
  report: OutcomeReport;
  endpoint: EndpointSnapshot;
  /** A delivery is waiting for a permit: in half-open, this is who gets a probe. */
  wantsProbe: boolean;
}

/** What a worker may do until the lease ends. Durations, not instants: clocks differ. */
export interface Lease {
  version: number;
  status: EndpointStatus;
  statusReason: string | null;
  circuit: CircuitState;
  /** Open: how long until half-open. */
  halfOpensInMs: number | null;
  /** Retry-After: send nothing for this long. */
  holdForMs: number | null;
  /** This worker's share of the rate; null: no limit. */
  rate: RateLimit | null;
  /** Probe deliveries this worker may send (half-open). */
  probes: number;
  /** Failures this worker may see before it must report and ask again (the circuit may trip). */
  failureBudget: number;
  ttlMs: number;
}

export const LEASE_TTL_MS = 10_000;
/** A worker that has not asked for this long no longer counts for the rate's share. */
export const LESSEE_IDLE_MS = 3 * LEASE_TTL_MS;

/** Why an exchange request is malformed, or undefined. */
export function exchangeProblem(request: unknown): string | undefined {
  if (!isJsonObject(request) || typeof request.lessee !== 'string') return 'an exchange needs a lessee';
  if (!isJsonObject(request.report) || !Array.isArray(request.report.seconds)) return 'an exchange needs an outcome report';
  if (!isSnapshot(request.endpoint)) return 'an exchange needs the endpoint as the worker read it';
  return undefined;
}
