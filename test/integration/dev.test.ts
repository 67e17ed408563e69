import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { repoRoot } from '../../src/config';
import { isKafkaReady } from '../../src/stack/kafka';
import { isPortOpen } from '../../src/stack/processes';
import { findOrBuildTemporalCli, isTemporalReady } from '../../src/stack/temporal';
import { findOrBuildTemporalServer } from '../../src/stack/temporal-server';
import { closedPort, request } from '../support/http';
import { testConfig, uniqueName } from '../support/services';

interface DevRun {
  stdout: string;
  apiUrl: string;
  curl: { key: string; url: string };
  /** Sends Ctrl-C's signal and resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

/** Every dev process a test started, killed at the end whatever happened. */
const children = new Set<ChildProcess>();
after(() => children.forEach((child) => child.kill('SIGKILL')));

/** Runs `switchyard dev` until it prints its banner. */
async function startDev(env: NodeJS.ProcessEnv, args: string[] = []): Promise<DevRun> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'src', 'launcher.mjs'), 'dev', ...args], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', TEMPORAL_TASK_QUEUE: uniqueName('dev-test'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      children.delete(child);
      resolve(code);
    }),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (stdout.includes('Ctrl-C stops everything.')) resolve();
    });
    void exited.then((code) => reject(new Error(`dev exited (${code}) before it was ready:\n${stderr}`)));
  });
  const apiUrl = /API {10}(http:\/\/\S+)/.exec(stdout)?.[1];
  const curl = /curl -s -H "Authorization: Bearer (sk_\S+)" (http:\/\/\S+)/.exec(stdout);
  assert.ok(apiUrl && curl, stdout);
  return {
    stdout,
    apiUrl,
    curl: { key: curl[1]!, url: curl[2]! },
    async interrupt() {
      child.kill('SIGINT');
      const code = await exited;
      assert.equal(code, 0, stderr);
      return code;
    },
  };
}

/** A data folder the `postgres` user can reach (dev runs the cluster as that user when root). */
function scratchHome(): string {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-dev-test-'));
  fs.chmodSync(home, 0o755);
  return home;
}

describe('switchyard dev', () => {
  it('comes up on running services, prints how to use it, answers, and leaves those services running', async () => {
    const config = testConfig();
    const home = scratchHome();
    try {
      const dev = await startDev({ SWITCHYARD_HOME: home }, ['--kafka']);
      // Only the dev server has a Web UI.
      assert.match(dev.stdout, config.temporal.server === 'dev' ? /Temporal UI {2}http:\/\/localhost:\d+/ : /Temporal UI {2}\(not a local dev server/);
      assert.match(dev.stdout, /Kafka {8}127\.0\.0\.1:\d+/);
      assert.match(dev.stdout, /self-check workflow saw schema version \d+/);
      assert.equal((await request(`${dev.apiUrl}/readyz`)).status, 200);
      const tried = await request(dev.curl.url, { headers: { authorization: `Bearer ${dev.curl.key}` } });
      assert.equal(tried.status, 200);
      assert.equal(tried.body.name, 'dev');
      assert.equal(fs.readFileSync(path.join(home, 'data', 'dev-api-key'), 'utf8').trim(), dev.curl.key);

      await dev.interrupt();
      assert.ok(!(await isPortOpen('127.0.0.1', Number(new URL(dev.apiUrl).port))), 'the API is closed');
      assert.ok(await isTemporalReady(config.temporal.address, config.temporal.namespace), 'Temporal was not dev\'s to stop');
      assert.ok(await isKafkaReady(config.brokers.kafkaBrokers), 'Kafka was not dev\'s to stop');
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('starts PostgreSQL and Temporal itself when none answer, keeps its key across runs, and stops them all on Ctrl-C', async () => {
    const config = testConfig();
    const home = scratchHome();
    const ports = { pg: await closedPort(), temporal: await closedPort(), ui: await closedPort() };
    const env = {
      SWITCHYARD_HOME: home,
      DATABASE_URL: '',
      LOCAL_PG_PORT: String(ports.pg),
      TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
      TEMPORAL_UI_PORT: String(ports.ui),
      TEMPORAL_CLI: await findOrBuildTemporalCli(config),
    };
    if (config.temporal.server !== 'dev') {
      // The real server this run uses, not a second build of it in the scratch home.
      const built = path.dirname((await findOrBuildTemporalServer(config)).server);
      fs.mkdirSync(path.join(home, 'tools'));
      fs.symlinkSync(built, path.join(home, 'tools', path.basename(built)));
    }
    try {
      const first = await startDev(env);
      if (config.temporal.server === 'dev') assert.match(first.stdout, new RegExp(`Temporal UI  http://localhost:${ports.ui}`));
      assert.match(first.stdout, new RegExp(`PostgreSQL   postgres://postgres@127\\.0\\.0\\.1:${ports.pg}/switchyard`));
      assert.equal((await request(`${first.apiUrl}/readyz`)).status, 200);
      await first.interrupt();
      for (const port of [ports.pg, ports.temporal, ports.ui]) {
        assert.ok(!(await isPortOpen('127.0.0.1', port)), `port ${port} is closed after Ctrl-C`);
      }

      const second = await startDev(env);
      assert.equal(second.curl.key, first.curl.key, 'the same dev key, from the same database');
      assert.equal((await request(second.curl.url, { headers: { authorization: `Bearer ${second.curl.key}` } })).status, 200);
      await second.interrupt();
      assert.ok(!(await isPortOpen('127.0.0.1', ports.pg)));
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
