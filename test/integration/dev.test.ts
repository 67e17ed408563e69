import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../src/config';
import { isPortOpen } from '../../src/stack/processes';
import { isTemporalReady } from '../../src/stack/temporal';
import { request } from '../support/http';
import { testConfig, uniqueName } from '../support/services';

describe('switchyard dev', () => {
  it('comes up on the running services, prints how to use it, answers, and stops cleanly on Ctrl-C', async () => {
    const config = testConfig();
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sy-dev-test-'));
    const child = spawn(process.execPath, [path.join(repoRoot, 'src', 'launcher.mjs'), 'dev'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: '0', SWITCHYARD_HOME: home, TEMPORAL_TASK_QUEUE: uniqueName('dev-test') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', () => stdout.includes('Ctrl-C stops everything.') && resolve());
        void exited.then((code) => reject(new Error(`dev exited (${code}) before it was ready:\n${stderr}`)));
      });

      const apiUrl = /API {10}(http:\/\/\S+)/.exec(stdout)?.[1];
      const key = /Dev API key {2}(sk_\S+)/.exec(stdout)?.[1];
      const curl = /curl -s -H "Authorization: Bearer (sk_\S+)" (http:\/\/\S+)/.exec(stdout);
      assert.ok(apiUrl && key && curl, stdout);
      assert.match(stdout, /Temporal UI {2}http:\/\/localhost:\d+/);
      assert.match(stdout, /self-check workflow saw schema version \d+/);

      assert.equal((await request(`${apiUrl}/readyz`)).status, 200);
      const tried = await request(curl[2]!, { headers: { authorization: `Bearer ${curl[1]}` } });
      assert.equal(tried.status, 200);
      assert.equal(tried.body.name, 'dev');
      assert.equal(fs.readFileSync(path.join(home, 'data', 'dev-api-key'), 'utf8').trim(), key);

      child.kill('SIGINT');
      assert.equal(await exited, 0, stderr);
      const { port } = new URL(apiUrl);
      assert.ok(!(await isPortOpen('127.0.0.1', Number(port))), 'the API is closed');
      assert.ok(await isTemporalReady(config.temporal.address, config.temporal.namespace), 'services dev did not start are left running');
    } finally {
      child.kill('SIGKILL');
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});
