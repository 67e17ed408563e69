/**
 * A private PostgreSQL cluster for development and tests: Debian's server binaries, a data
 * directory of our own, TCP on loopback only, trust auth. initdb refuses to run as root, so as
 * root the cluster runs as the `postgres` user that Debian's package creates.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { log } from '../log';
import { isExecutable, readyOrStopped, run, startService, which, type Service } from './processes';
import { ensureDebianPackages, isRoot } from './system-packages';

/** The folder holding initdb and postgres: PATH first, then Debian's newest versioned folder. */
export function findPostgresBinDir(): string | undefined {
  const onPath = which('initdb');
  // Debian links initdb into PATH from its versioned folder, where postgres lives too.
  const linkedDir = onPath && isExecutable(onPath) ? path.dirname(fs.realpathSync(onPath)) : undefined;
  if (linkedDir && isExecutable(path.join(linkedDir, 'postgres'))) return linkedDir;
  const debian = '/usr/lib/postgresql';
  const versions = fs.existsSync(debian)
    ? fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const bin = path.join(debian, version, 'bin');
    if (isExecutable(path.join(bin, 'initdb')) && isExecutable(path.join(bin, 'postgres'))) return bin;
  }
  return undefined;
}

export async function ensurePostgresInstalled(): Promise<string> {
  await ensureDebianPackages(['postgresql'], 'the local PostgreSQL server', () => findPostgresBinDir() !== undefined);
  return findPostgresBinDir()!;
}

interface RunAs {
  uid?: number;
  gid?: number;
}

function postgresUser(): RunAs {
  if (!isRoot()) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    throw new Error('running as root, but there is no `postgres` user to run the cluster as (it comes with Debian\'s postgresql package)');
  }
}

/** Whether `user` can create files in `dir` (every folder above it must let the user through). */
function canWrite(dir: string, user: RunAs): boolean {
  try {
    execFileSync('test', ['-w', dir, '-a', '-x', dir], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the cluster's files go: `<data>/postgres`, unless the `postgres` user cannot reach the
 * data folder (a checkout under /root, say); then a folder under /var/lib/switchyard named after
 * the data folder, so each checkout keeps its own cluster.
 */
export function clusterDirectory(dataDir: string, user: RunAs): string {
  const preferred = path.join(dataDir, 'postgres');
  fs.mkdirSync(preferred, { recursive: true });
  if (user.uid !== undefined) fs.chownSync(preferred, user.uid, user.gid!);
  if (canWrite(preferred, user)) return preferred;
  const fallback = path.join('/var/lib/switchyard', crypto.createHash('sha256').update(dataDir).digest('hex').slice(0, 12), 'postgres');
  fs.mkdirSync(fallback, { recursive: true });
  if (user.uid !== undefined) fs.chownSync(fallback, user.uid, user.gid!);
  fs.writeFileSync(path.join(preferred, 'WHERE.txt'), `This checkout's PostgreSQL cluster lives in ${fallback}\n`);
  return fallback;
}

export interface LocalPostgresOptions {
  dataDir: string;
  port: number;
  logFile: string;
}

export async function startLocalPostgres(options: LocalPostgresOptions): Promise<Service> {
  const bin = await ensurePostgresInstalled();
  const user = postgresUser();
  const cluster = clusterDirectory(options.dataDir, user);
  const pgdata = path.join(cluster, 'pgdata');
  if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) {
    log.info('creating the local PostgreSQL cluster', { pgdata });
    fs.rmSync(pgdata, { recursive: true, force: true });
    await run(path.join(bin, 'initdb'), ['-D', pgdata, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C'], { ...user, cwd: cluster });
  }
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const args = [
    '-D', pgdata,
    '-p', String(options.port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', 'unix_socket_directories=',
    '-c', 'max_connections=200',
  ];
  // SIGINT is PostgreSQL's fast shutdown: it ends open sessions (a psql left open, say) instead of
  // waiting for them as SIGTERM's smart shutdown would, and still checkpoints cleanly.
  const service = startService('postgres', path.join(bin, 'postgres'), args, {
    ...user,
    cwd: cluster,
    logFile: options.logFile,
    stopSignal: 'SIGINT',
  });
  const adminUrl = `postgres://postgres@127.0.0.1:${options.port}/postgres`;
  return readyOrStopped(service, 'PostgreSQL', () => isPostgresReady(adminUrl), 60_000);
}

export async function isPostgresReady(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Runs `work` on a connection to the cluster's `postgres` database, given any database's URL. */
async function withMaintenanceConnection<T>(url: string, work: (client: pg.Client, database: string) => Promise<T>): Promise<T> {
  const target = new URL(url);
  const database = decodeURIComponent(target.pathname.slice(1));
  target.pathname = '/postgres';
  const client = new pg.Client({ connectionString: target.toString() });
  await client.connect();
  try {
    return await work(client, database);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `url` when it is missing. */
export function ensureDatabase(url: string): Promise<void> {
  return withMaintenanceConnection(url, async (client, database) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  });
}

/** Drops and re-creates the database named in `url`: tests start from an empty one. */
export function recreateDatabase(url: string): Promise<void> {
  return withMaintenanceConnection(url, async (client, database) => {
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(database)} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  });
}
