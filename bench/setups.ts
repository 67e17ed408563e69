/**
 * The configurations a benchmark can run against, each in an environment of its own
 * (`--setups a,b,...`; figures of every setup after the first come with their ratio to the first).
 * `default` is what `npm run dev` runs; the others switch one lever off, or swap the Temporal
 * server, so each lever is measured on and off in the same run.
 */
import { DEV_SERVER_LEVER_NAMES, type DevServerLever } from '../src/stack/temporal';

export interface Setup {
  name: string;
  /** The dev server on its SQLite file or in memory, or the real server on SQLite or PostgreSQL. */
  temporal: 'dev-file' | 'dev-memory' | 'sqlite' | 'postgres';
  /** The dev server's levers that are on (src/stack/temporal.ts); the real server has its own configuration. */
  levers: readonly DevServerLever[];
  /** Eager starts from the gateway process (TEMPORAL_EAGER_START). */
  eager: boolean;
  /** Prometheus metrics recorded and served (SWITCHYARD_METRICS). */
  metrics: boolean;
  /** OpenTelemetry spans exported to a collector process that discards them (OTEL_EXPORTER_OTLP_ENDPOINT). */
  tracing?: boolean;
  /** The checkout the gateway runs from, when not this one (`--baseline`, bench/baseline.ts). */
  checkout?: string;
  what: string;
}

const on = { levers: DEV_SERVER_LEVER_NAMES, eager: true, metrics: true } as const;
const off = { levers: [], eager: false, metrics: true } as const;

const setups: Setup[] = [
  { name: 'default', temporal: 'dev-file', ...on, what: 'what `npm run dev` runs: the dev server on its SQLite file, tuned; eager starts' },
  { name: 'plain', temporal: 'dev-file', ...off, what: 'as before issue 15: the dev server untuned, ordinary starts' },
  { name: 'tuned', temporal: 'dev-file', ...off, levers: DEV_SERVER_LEVER_NAMES, what: 'plain, but the dev server tuned' },
  { name: 'eager', temporal: 'dev-file', ...off, eager: true, what: 'plain, but eager starts' },
  { name: 'unobserved', temporal: 'dev-file', ...on, metrics: false, what: 'default, but without metrics (SWITCHYARD_METRICS=false): what observing costs' },
  { name: 'traced', temporal: 'dev-file', ...on, tracing: true, what: 'default, with traces exported (OTLP/HTTP to a collector process that discards them)' },
  { name: 'memory', temporal: 'dev-memory', ...on, what: 'default, but the dev server in memory (not what users run: nothing survives a restart)' },
  { name: 'server-sqlite', temporal: 'sqlite', ...on, what: 'default, but the real Temporal server on SQLite files (4 history shards, visibility in a file of its own)' },
  { name: 'server-postgres', temporal: 'postgres', ...on, what: 'default, but the real Temporal server on PostgreSQL (4 history shards)' },
  // Each dev-server lever off, the rest of `default` on.
  ...DEV_SERVER_LEVER_NAMES.map((lever) => ({
    name: `without-${lever}`,
    temporal: 'dev-file' as const,
    ...on,
    levers: DEV_SERVER_LEVER_NAMES.filter((name) => name !== lever),
    what: `default, but without the dev server's lever ${lever}`,
  })),
];

export const SETUP_NAMES = setups.map((setup) => setup.name);

export function setupNamed(name: string): Setup {
  const setup = setups.find((s) => s.name === name);
  if (!setup) throw new Error(`unknown setup ${name}; known: ${SETUP_NAMES.join(', ')}`);
  return setup;
}
