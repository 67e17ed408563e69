/**
 * The real Temporal server, the one production runs, as an alternative to the CLI's dev server
 * (TEMPORAL_SERVER=sqlite or postgres). Built from Go modules at the version the CLI embeds, with
 * its schema tool; configured by a file we write; on SQLite files or on the local PostgreSQL.
 * Unlike the dev server it creates no namespace and serves no Web UI: the namespace and its
 * search attributes are registered here, once the frontend answers.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import type { Config } from '../config';
import { log } from '../log';
import { ensureNamespace, ensureSearchAttributes } from '../temporal/namespace-setup';
import { searchAttributeKeys } from '../temporal/search-attributes';
import { ensureDatabase, recreateDatabase } from './postgres';
import { isExecutable, run, startService, waitUntilReady, which, type Service } from './processes';
import { isTemporalReady } from './temporal';

/** The server the CLI v1.5.1 embeds, so both choices run the same engine. */
export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
export const TEMPORAL_SERVER_MODULES = [
  `go.temporal.io/server/cmd/server@${TEMPORAL_SERVER_VERSION}`,
  `go.temporal.io/server/cmd/tools/sql@${TEMPORAL_SERVER_VERSION}`,
];

/** `go install` names binaries after the package folder: `server` and `sql` (temporal-sql-tool). */
export interface TemporalServerTools {
  server: string;
  sql: string;
}

export function cachedTemporalServerTools(config: Config): TemporalServerTools {
  const dir = path.join(config.paths.tools, `temporal-server-${TEMPORAL_SERVER_VERSION}`);
  return { server: path.join(dir, 'server'), sql: path.join(dir, 'sql') };
}

/** The cached build in the tools folder, else a `go install` of both into it (minutes cold). */
export async function findOrBuildTemporalServer(config: Config): Promise<TemporalServerTools> {
  const tools = cachedTemporalServerTools(config);
  if (isExecutable(tools.server) && isExecutable(tools.sql)) return tools;
  const go = which('go');
  if (!go) {
    throw new Error(
      `TEMPORAL_SERVER=${config.temporal.server} needs the Temporal server built from Go modules, and Go is not installed. ` +
        'Install Go 1.25+ (https://go.dev/doc/install) and run again, or leave TEMPORAL_SERVER unset for the dev server.',
    );
  }
  log.info(`building the Temporal server and its SQL tool: go install ${TEMPORAL_SERVER_MODULES.join(' ')} (first run only; minutes)`);
  const started = Date.now();
  try {
    // One `go install` for both: they share most packages, and Go builds them once in parallel.
    await run(go, ['install', ...TEMPORAL_SERVER_MODULES], { env: { ...process.env, GOBIN: path.dirname(tools.server) } });
  } catch (error) {
    throw new Error(`Could not build the Temporal server with Go; fix the Go build below, or leave TEMPORAL_SERVER unset.\n${(error as Error).message}`);
  }
  log.info(`built the Temporal server in ${Math.round((Date.now() - started) / 1000)}s`, { path: path.dirname(tools.server) });
  return tools;
}

/** Where PostgreSQL is, as the server and its SQL tool want it. */
export interface PostgresEndpoint {
  host: string;
  port: number;
  user: string;
  password: string;
}

export function postgresEndpoint(databaseUrl: string): PostgresEndpoint {
  const url = new URL(databaseUrl);
  return {
    host: url.hostname,
    port: Number(url.port || 5432),
    user: decodeURIComponent(url.username) || 'postgres',
    password: decodeURIComponent(url.password),
  };
}

/**
 * Temporal's two databases. Ephemeral runs (tests, the benchmark) get names of their own, wiped
 * at each start, so they never touch what `dev` keeps.
 */
export function temporalDatabaseNames(ephemeral: boolean): { database: string; visibilityDatabase: string } {
  const suffix = ephemeral ? '_test' : '';
  return { database: `temporal${suffix}`, visibilityDatabase: `temporal_visibility${suffix}` };
}

export type TemporalPersistence =
  | { kind: 'sqlite'; file: string; visibilityFile: string }
  | ({ kind: 'postgres'; database: string; visibilityDatabase: string } & PostgresEndpoint);

export interface TemporalServerPorts {
  /** The frontend's gRPC port: TEMPORAL_ADDRESS's. */
  frontend: number;
  /** gRPC ports of the other services, and each service's membership (ringpop) port. */
  history: number;
  matching: number;
  worker: number;
  membership: { frontend: number; history: number; matching: number; worker: number };
}

export interface TemporalServerConfigOptions {
  persistence: TemporalPersistence;
  ports: TemporalServerPorts;
  numHistoryShards: number;
  dynamicConfigFile: string;
}

/** The host every service binds and advertises: nothing of the local stack leaves loopback. */
const LOOPBACK = '127.0.0.1';

function sqliteStore(file: string) {
  return {
    sql: {
      pluginName: 'sqlite',
      databaseName: file,
      // Required by the config's validation; the SQLite plugin ignores them.
      connectAddr: 'localhost',
      connectProtocol: 'tcp',
      // setup: the plugin creates the schema in a new file (and shrugs at an existing one).
      // WAL and synchronous=normal as the dev server runs here (src/stack/temporal.ts).
      connectAttributes: { mode: 'rwc', setup: 'true', journal_mode: 'wal', synchronous: 'normal' },
      maxConns: 1,
      maxIdleConns: 1,
    },
  };
}

function postgresStore(endpoint: PostgresEndpoint, database: string, maxConns: number) {
  return {
    sql: {
      // pgx rather than lib/pq: the driver Temporal maintains for PostgreSQL 12+.
      pluginName: 'postgres12_pgx',
      databaseName: database,
      connectAddr: `${endpoint.host}:${endpoint.port}`,
      connectProtocol: 'tcp',
      user: endpoint.user,
      password: endpoint.password,
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  };
}

function serviceRpc(grpcPort: number, membershipPort: number) {
  return { rpc: { grpcPort, membershipPort, bindOnIP: LOOPBACK } };
}

/**
 * The server's static configuration (it reads YAML; this is JSON, which is YAML too). Metrics,
 * pprof, archival and the frontend's HTTP API are left off: nothing here reads them.
 */
export function temporalServerConfig(options: TemporalServerConfigOptions): Record<string, unknown> {
  const { persistence, ports } = options;
  const frontend = `${LOOPBACK}:${ports.frontend}`;
  const datastores =
    persistence.kind === 'sqlite'
      ? // Visibility in a file of its own: the plugin keeps one connection per file, so its
        // writes no longer queue behind the history shards' on a single connection.
        { default: sqliteStore(persistence.file), visibility: sqliteStore(persistence.visibilityFile) }
      : // The pool sizes of Temporal's own development-postgres12.yaml.
        { default: postgresStore(persistence, persistence.database, 20), visibility: postgresStore(persistence, persistence.visibilityDatabase, 2) };
  return {
    log: { stdout: true, level: 'warn' },
    persistence: { defaultStore: 'default', visibilityStore: 'visibility', numHistoryShards: options.numHistoryShards, datastores },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: LOOPBACK } },
    services: {
      frontend: serviceRpc(ports.frontend, ports.membership.frontend),
      history: serviceRpc(ports.history, ports.membership.history),
      matching: serviceRpc(ports.matching, ports.membership.matching),
      worker: serviceRpc(ports.worker, ports.membership.worker),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: { active: { enabled: true, initialFailoverVersion: 1, rpcName: 'frontend', rpcAddress: frontend } },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } },
    namespaceDefaults: { archival: { history: { state: 'disabled' }, visibility: { state: 'disabled' } } },
    // The system worker (and the server's own clients) reach the frontend here.
    publicClient: { hostPort: frontend },
    dynamicConfigClient: { filepath: options.dynamicConfigFile, pollInterval: '10s' },
  };
}

/**
 * The dynamic configuration, in the file-based client's format (each key a list of values with
 * optional constraints). Only what the dev server is given too (src/stack/temporal.ts), so
 * both choices run workflows alike; `extra` adds keys (a benchmark's settings, say).
 */
export function temporalServerDynamicConfig(extra: Record<string, unknown> = {}): Record<string, { value: unknown }[]> {
  const values: Record<string, unknown> = { 'system.enableActivityEagerExecution': true, ...extra };
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, [{ value }]]));
}

/** temporal-sql-tool's runs that create or upgrade one database's schema, both idempotent. */
export function sqlToolSchemaRuns(endpoint: PostgresEndpoint, database: string, schema: 'temporal' | 'visibility'): string[][] {
  // The password goes by SQL_PASSWORD in the environment, not on a command line `ps` shows.
  const common = ['--plugin', 'postgres12_pgx', '--endpoint', endpoint.host, '--port', String(endpoint.port), '--user', endpoint.user, '--database', database];
  return [
    // Version tables only (no schema file): update-schema then applies every version from the
    // schemas embedded in the tool, and later runs apply only what a newer server adds.
    [...common, 'setup-schema', '--version', '0.0'],
    [...common, 'update-schema', '--schema-name', `postgresql/v12/${schema}`],
  ];
}

/**
 * Ports for the services besides the frontend. Not the kernel's ephemeral ones (32768 and up):
 * the PostgreSQL schema keeps each service's membership port in a SMALLINT, and the server dies
 * when it cannot record a port above 32767. Outgoing connections never get a port below that
 * range, either, so none takes ours between the check and the server's bind.
 */
export const SERVICE_PORT_RANGE = { from: 20_000, to: 32_767 } as const;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, LOOPBACK, () => server.close(() => resolve(true)));
  });
}

/** `count` distinct ports in SERVICE_PORT_RANGE that nothing listens on at the moment, on loopback. */
export async function freeServicePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  for (let tries = 0; ports.length < count; tries++) {
    if (tries >= 200) throw new Error(`found only ${ports.length} free ports in ${SERVICE_PORT_RANGE.from}-${SERVICE_PORT_RANGE.to} for the Temporal server`);
    const port = SERVICE_PORT_RANGE.from + Math.floor(Math.random() * (SERVICE_PORT_RANGE.to - SERVICE_PORT_RANGE.from + 1));
    if (!ports.includes(port) && (await canListen(port))) ports.push(port);
  }
  return ports;
}

/**
 * The ports the last server in this folder used, when all are still free; else new ones, kept
 * for next time. The database remembers each service's membership address for 20 s after it
 * stops, and a server that restarts on new ports first tries to join those dead addresses: in a
 * restart within that time its matching service stayed out of the ring, and no workflow ran, for
 * about 50 s. On the same addresses the restarted services are the members it finds.
 */
async function servicePortsFor(home: string, count: number): Promise<number[]> {
  const file = path.join(home, 'ports.json');
  let saved: unknown;
  try {
    saved = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    saved = undefined;
  }
  const valid =
    Array.isArray(saved) &&
    saved.length === count &&
    saved.every((port) => Number.isInteger(port) && port >= SERVICE_PORT_RANGE.from && port <= SERVICE_PORT_RANGE.to);
  if (valid && (await Promise.all((saved as number[]).map(canListen))).every(Boolean)) return saved as number[];
  const ports = await freeServicePorts(count);
  fs.writeFileSync(file, `${JSON.stringify(ports)}\n`);
  return ports;
}

export interface TemporalServerOptions {
  tools: TemporalServerTools;
  /** Registered (with its search attributes) once the frontend answers. */
  namespace: string;
  port: number;
  /** Holds the configuration and, on SQLite, the database files. */
  home: string;
  persistence:
    | { kind: 'sqlite' }
    | { kind: 'postgres'; databaseUrl: string; database: string; visibilityDatabase: string; fresh: boolean };
  logFile: string;
  /** Added to the dynamic configuration. */
  dynamicConfig?: Record<string, unknown>;
}

async function preparePostgres(tools: TemporalServerTools, persistence: Extract<TemporalServerOptions['persistence'], { kind: 'postgres' }>) {
  const endpoint = postgresEndpoint(persistence.databaseUrl);
  const env = { ...process.env, SQL_PASSWORD: endpoint.password };
  for (const [database, schema] of [
    [persistence.database, 'temporal'],
    [persistence.visibilityDatabase, 'visibility'],
  ] as const) {
    const url = new URL(persistence.databaseUrl);
    url.pathname = `/${database}`;
    await (persistence.fresh ? recreateDatabase(url.toString()) : ensureDatabase(url.toString()));
    for (const args of sqlToolSchemaRuns(endpoint, database, schema)) await run(tools.sql, args, { env });
  }
  return endpoint;
}

/**
 * True once the namespace takes a query on its search attributes. The frontend resolves both
 * from its namespace cache, which catches up with a registration within seconds; until then it
 * refuses starts that carry them.
 */
async function namespaceUsable(connection: Connection, namespace: string): Promise<boolean> {
  try {
    const query = searchAttributeKeys.map((key) => `${key.name} = ${key.type === SearchAttributeType.INT ? '0' : "''"}`).join(' AND ');
    await connection.workflowService.countWorkflowExecutions({ namespace, query });
    return true;
  } catch {
    return false;
  }
}

export async function startTemporalServer(options: TemporalServerOptions): Promise<Service> {
  const configDir = path.join(options.home, 'config');
  fs.mkdirSync(configDir, { recursive: true });
  const persistence: TemporalPersistence =
    options.persistence.kind === 'sqlite'
      ? { kind: 'sqlite', file: path.join(options.home, 'temporal.db'), visibilityFile: path.join(options.home, 'temporal-visibility.db') }
      : {
          kind: 'postgres',
          database: options.persistence.database,
          visibilityDatabase: options.persistence.visibilityDatabase,
          ...(await preparePostgres(options.tools, options.persistence)),
        };
  const [history, matching, worker, ...membership] = await servicePortsFor(options.home, 7);
  const ports: TemporalServerPorts = {
    frontend: options.port,
    history: history!,
    matching: matching!,
    worker: worker!,
    membership: { frontend: membership[0]!, history: membership[1]!, matching: membership[2]!, worker: membership[3]! },
  };
  const dynamicConfigFile = path.join(configDir, 'dynamicconfig.yaml');
  fs.writeFileSync(dynamicConfigFile, `${JSON.stringify(temporalServerDynamicConfig(options.dynamicConfig), null, 2)}\n`);
  // The env name is the file's name: --env switchyard reads config/switchyard.yaml. It may hold
  // a database password, hence readable by us only.
  const serverConfig = temporalServerConfig({ persistence, ports, numHistoryShards: 4, dynamicConfigFile });
  fs.writeFileSync(path.join(configDir, 'switchyard.yaml'), `${JSON.stringify(serverConfig, null, 2)}\n`, { mode: 0o600 });

  const args = ['--root', options.home, '--config', 'config', '--env', 'switchyard', '--allow-no-auth', 'start'];
  const service = startService('temporal', options.tools.server, args, { logFile: options.logFile });
  const address = `127.0.0.1:${options.port}`;
  try {
    await waitUntilReady(service, 'Temporal server', () => isTemporalReady(address), 120_000);
    const connection = await Connection.connect({ address });
    try {
      await ensureNamespace(connection, options.namespace);
      await ensureSearchAttributes(connection, options.namespace);
      await waitUntilReady(service, `Temporal namespace ${options.namespace}`, () => namespaceUsable(connection, options.namespace), 60_000);
    } finally {
      await connection.close();
    }
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}
