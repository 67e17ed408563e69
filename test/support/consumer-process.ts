/**
 * `switchyard consumers` (Kafka and broker sources) as a child process, for tests that kill it:
 * its log is kept so a test can wait for what it says (a pause, a resume) and show it when
 * something fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../../src/config';

export interface ConsumerProcess {
  log(): string;
  /** Resolves when the log has a line matching `pattern` (after `from`, a length of log()). */
  waitForLog(pattern: RegExp, timeoutMs?: number, from?: number): Promise<void>;
  kill(signal: NodeJS.Signals): Promise<number | string>;
}

/**
 * A consumer outliving its test would take up the next tests' Kafka and broker sources (the test database
 * is shared) and start their deliveries on a dead task queue: kill them with the test process,
 * including when the runner ends it for taking too long.
 */
const live = new Set<ChildProcess>();
let hooked = false;
function killWithThisProcess(child: ChildProcess): void {
  live.add(child);
  child.once('exit', () => live.delete(child));
  if (hooked) return;
  hooked = true;
  const killAll = () => live.forEach((c) => c.kill('SIGKILL'));
  process.on('exit', killAll);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(1);
    });
  }
}

export function startConsumerProcess(env: NodeJS.ProcessEnv): ConsumerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src', 'cli.ts'), 'consumers'], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killWithThisProcess(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'gone')));

  return {
    log: () => output,
    async waitForLog(pattern, timeoutMs = 60_000, from = 0) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(output.slice(from))) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the consumer exited before logging ${pattern}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`the consumer did not log ${pattern} within ${timeoutMs} ms:\n${output.slice(-4000)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
