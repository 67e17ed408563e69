/**
 * Running the external programs the local stack is made of: one-shot commands (apt-get,
 * go install, mvn, initdb) and long-running services (Temporal, Postgres, Kafka) whose output goes
 * to a log file so the terminal stays readable.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  uid?: number;
  gid?: number;
  /** Show the command's output live (long installs), instead of keeping it for the error. */
  inherit?: boolean;
}

/** Runs a command to completion; rejects with the tail of its output when it fails. */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      uid: options.uid,
      gid: options.gid,
      stdio: options.inherit ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => reject(new Error(`${command}: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(output);
      const tail = output.trim().split('\n').slice(-20).join('\n');
      reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${tail ? `:\n${tail}` : ''}`));
    });
  });
}

/** The absolute path of an executable on PATH, if there is one. */
export function which(command: string): string | undefined {
  const result = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', command], { encoding: 'utf8' });
  const found = result.stdout.trim();
  return result.status === 0 && found.startsWith('/') ? found : undefined;
}

export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** A long-running child process: one of the local services. */
export interface Service {
  readonly name: string;
  readonly logFile: string;
  /** The process id (the benchmark reads its CPU time from /proc). */
  readonly pid: number | undefined;
  /** True until the process exits, whoever ended it. */
  running(): boolean;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<string>;
  /** The service's stop signal, then SIGKILL if it lingers; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface ServiceOptions extends Omit<RunOptions, 'inherit'> {
  logFile: string;
  /** The signal that asks for a clean, prompt shutdown; SIGTERM unless the program differs. */
  stopSignal?: NodeJS.Signals;
}

/**
 * Services run in process groups of their own, so a terminal's Ctrl-C reaches only us and we
 * stop them in order (API and worker first, then the services they use). If this process exits
 * without stopping them (a second Ctrl-C, a crash), they are killed on the way out rather than
 * left behind holding their ports.
 */
const liveServices = new Set<ChildProcess>();
let exitHookInstalled = false;

function killLeftoversOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => liveServices.forEach((child) => child.kill('SIGKILL')));
}

export function startService(name: string, command: string, args: string[], options: ServiceOptions): Service {
  fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = fs.openSync(options.logFile, 'a');
  fs.writeSync(log, `\n--- ${new Date().toISOString()} ${command} ${args.join(' ')}\n`);
  let child: ChildProcess;
  try {
    child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      uid: options.uid,
      gid: options.gid,
      stdio: ['ignore', log, log],
      detached: true,
    });
  } finally {
    fs.closeSync(log);
  }
  killLeftoversOnExit();
  liveServices.add(child);
  const exited = new Promise<string>((resolve) => {
    child.on('error', (error) => {
      liveServices.delete(child);
      resolve(`spawn error: ${error.message}`);
    });
    child.on('exit', (code, signal) => {
      liveServices.delete(child);
      resolve(signal ?? `exit ${code}`);
    });
  });
  const running = () => liveServices.has(child);
  return {
    name,
    logFile: options.logFile,
    pid: child.pid,
    exited,
    running,
    async stop(graceMs = 20_000) {
      if (!running()) return;
      child.kill(options.stopSignal ?? 'SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** The last lines of a log file, for error messages about a service that would not start. */
export function logTail(file: string, lines = 25): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Polls `ready` until it answers true. Gives up early when the service process has exited, and
 * after `timeoutMs` otherwise, with the tail of the service's log in the error.
 */
export async function waitUntilReady(
  service: Service | undefined,
  what: string,
  ready: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await ready().catch(() => false)) return;
    const detail = service ? `\nlast lines of ${service.logFile}:\n${logTail(service.logFile)}` : '';
    if (service && !service.running()) throw new Error(`${what} exited before it was ready (${await service.exited})${detail}`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready after ${timeoutMs / 1000}s${detail}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A service just started, once `ready` says so; stopped (and the failure passed on) if it never does. */
export async function readyOrStopped(service: Service, what: string, ready: () => Promise<boolean>, timeoutMs: number): Promise<Service> {
  try {
    await waitUntilReady(service, what, ready, timeoutMs);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return service;
}

/** Whether an HTTP server answers 2xx at `url` within a second. */
export async function answersHttp(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.body?.cancel();
    return response.ok;
  } catch {
    return false;
  }
}

/** Whether something accepts TCP connections at host:port. */
export function isPortOpen(host: string, port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Splits "host:port". */
export function hostPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Only services on this machine's loopback are ours to start; anything else is the operator's. */
export function isLoopback(host: string): boolean {
  return loopbackHosts.has(host) || host.startsWith('127.');
}
