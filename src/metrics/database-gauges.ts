/**
 * Gauges read from PostgreSQL when Prometheus scrapes: the start window's queue and what is in
 * it, and the endpoints by status and circuit. They describe the whole database, so one kind of
 * process reports them: the worker's (`switchyard worker`, or `serve` and `dev`, which run one).
 */
import { Gauge } from 'prom-client';
import type { Queryable } from '../db/pool';
import { windowCounts } from '../deliveries/start-window';
import { countEndpointsByState } from '../endpoints/repository';
import type { CircuitState } from '../endpoint-health/circuit';
import type { EndpointStatus } from '../endpoint-health/snapshot';
import { errorMessage, log } from '../log';
import type { Metrics } from './metrics';

const STATUSES: EndpointStatus[] = ['active', 'paused', 'disabled'];
const CIRCUITS: CircuitState[] = ['closed', 'open', 'half_open'];

/** The database the gauges read: the latest worker's (a test restarts workers in one process). */
let source: Queryable | undefined;
const watched = new WeakSet<object>();

export function watchDatabase(metrics: Metrics, db: Queryable): void {
  source = db;
  if (watched.has(metrics.registry)) return;
  watched.add(metrics.registry);
  const registers = [metrics.registry];

  // A failed read leaves the last values standing, and says so at debug: a scrape must not fail
  // because the database is slow for a moment.
  const read = async <T>(what: string, query: (db: Queryable) => Promise<T>): Promise<T | undefined> => {
    if (!source) return undefined;
    return query(source).catch((error) => {
      log.debug('metrics: could not read the database', { what, error: errorMessage(error) });
      return undefined;
    });
  };

  new Gauge({
    name: 'switchyard_deliveries_waiting',
    help: 'Deliveries behind the start window (queued) and in it (started, first attempt not begun).',
    labelNames: ['stage'],
    registers,
    async collect() {
      const counts = await read('start window', windowCounts);
      if (!counts) return;
      this.set({ stage: 'queued' }, counts.queued);
      this.set({ stage: 'in_flight' }, counts.inFlight);
    },
  });

  new Gauge({
    name: 'switchyard_endpoints',
    help: "Endpoints by status and circuit (the circuit as each endpoint's entity last copied it).",
    labelNames: ['status', 'circuit'],
    registers,
    async collect() {
      const rows = await read('endpoints', countEndpointsByState);
      if (!rows) return;
      // Every combination, zeros included, so a circuit that closes drops to 0 rather than vanishing.
      for (const status of STATUSES) for (const circuit of CIRCUITS) this.set({ status, circuit }, 0);
      for (const row of rows) this.set({ status: row.status, circuit: row.circuit }, row.count);
    },
  });
}
