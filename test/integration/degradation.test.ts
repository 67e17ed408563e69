/**
 * The gateway when a dependency fails, on real services: PostgreSQL stopped, frozen (connections
 * open, no answer) or out of disk gets a 503 with Retry-After from ingest, inbound and the rest of
 * the API, never a 500 or a hang, and nothing half-written; Temporal out of reach leaves ingest
 * accepting. Readiness says which.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { newProject, startTestApi } from '../support/api';
import { closedPort } from '../support/http';
import { signers } from '../support/inbound-signers';
import { startIsolatedGateway } from '../support/isolated-gateway';
import { eventually } from '../support/receiver';

/** A request that may not hang: it fails the test after 60 s instead. */
async function call(url: string, init: RequestInit = {}) {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
}

describe('when a dependency fails', () => {
  it('PostgreSQL stopped, then frozen: ingest, inbound and reads answer 503 with Retry-After; nothing is recorded; all resumes after', async () => {
    const gateway = await startIsolatedGateway('pg-down');
    try {
      const { test } = gateway;
      const project = await newProject(test, 'degraded');
      await project.http.post('/v1/endpoints', { url: `${gateway.receiver.url}/ok` });
      const secret = 'degradation-secret';
      const source = (await project.http.post('/v1/sources', { name: 'gh', provider: 'github', secrets: [secret] })).body;
      const headers = { authorization: `Bearer ${project.apiKey}`, 'content-type': 'application/json' };
      const publish = (n: number) => call(`${test.api.url}/v1/events`, { method: 'POST', headers, body: JSON.stringify({ eventType: 'outage.test', payload: { n } }) });
      const receive = async () => {
        const signed = await signers.github({ secret, body: JSON.stringify({ zen: crypto.randomUUID() }), atMs: Date.now() });
        return call(`${test.api.url}/in/${source.id}`, { method: 'POST', headers: signed.headers as Record<string, string>, body: signed.body });
      };
      assert.equal((await publish(0)).status, 202);

      const refusedWhile = async (what: string) => {
        for (const answer of [await publish(1), await receive(), await call(`${test.api.url}/v1/events`, { headers })]) {
          assert.equal(answer.status, 503, `${what}: ${JSON.stringify(answer.body)}`);
          assert.equal(answer.body.error.code, 'database_unavailable');
          assert.equal(answer.headers.get('retry-after'), '5');
        }
        const ready = await call(`${test.api.url}/readyz`);
        assert.equal(ready.status, 503);
        assert.equal(ready.body.status, 'unavailable');
        assert.equal(ready.body.checks.postgres.ok, false);
        assert.equal((await call(`${test.api.url}/healthz`)).status, 200, 'alive, though not ready');
      };

      await gateway.stopPostgres();
      await refusedWhile('stopped');
      await gateway.startPostgres();
      await eventually('ingest to accept again', async () => ((await publish(2)).status === 202 ? true : undefined), 60_000);

      // Frozen: every connection stays open and nothing answers; the query and connect timeouts end each request.
      gateway.freezePostgres();
      try {
        await refusedWhile('frozen');
      } finally {
        gateway.thawPostgres();
      }
      await eventually('ingest to accept again', async () => ((await publish(3)).status === 202 ? true : undefined), 60_000);

      const { rows } = await test.db.query<{ n: number }>(`SELECT (convert_from(body, 'UTF8')::jsonb ->> 'n')::int AS n FROM events WHERE project_id = $1 ORDER BY n`, [project.id]);
      const accepted = rows.map((row) => row.n);
      assert.deepEqual([...new Set(accepted)], [0, 2, 3], 'the refused events were not recorded');
      assert.equal((await test.db.query('SELECT 1 FROM events WHERE source_id = $1', [source.id])).rowCount, 0, 'nor the refused webhooks');
    } finally {
      await gateway.stop();
    }
  });

  it('PostgreSQL out of disk: ingest answers 503 storage_full, and what it refused is not half-written', async () => {
    const gateway = await startIsolatedGateway('pg-full');
    const mountPoint = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-full-disk-'));
    fs.chmodSync(mountPoint, 0o755);
    // A 4 MiB file system for the events table: the test fills it, not the machine's disk.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint]);
    try {
      const { test } = gateway;
      const tablespace = path.join(mountPoint, 'events');
      fs.mkdirSync(tablespace);
      if (process.getuid?.() === 0) {
        const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
        fs.chownSync(tablespace, id('-u'), id('-g'));
      }
      await test.db.query(`CREATE TABLESPACE tiny LOCATION '${tablespace}'`);
      await test.db.query('ALTER TABLE events SET TABLESPACE tiny');

      const project = await newProject(test, 'full disk');
      const headers = { authorization: `Bearer ${project.apiKey}`, 'content-type': 'application/json' };
      const answers: { status: number; body: any; headers: Headers }[] = [];
      for (let i = 0; i < 200 && !answers.some((answer) => answer.status !== 202); i++) {
        // Random text, so PostgreSQL cannot compress it away.
        const payload = { i, blob: crypto.randomBytes(150 * 1024).toString('base64') };
        answers.push(await call(`${test.api.url}/v1/events`, { method: 'POST', headers, body: JSON.stringify({ eventType: 'disk.fill', payload }) }));
      }
      const refused = answers.at(-1)!;
      assert.equal(refused.status, 503, JSON.stringify(refused.body));
      assert.equal(refused.body.error.code, 'storage_full');
      assert.equal(refused.headers.get('retry-after'), '60');
      const accepted = answers.filter((answer) => answer.status === 202).map((answer) => answer.body.id as string);
      assert.ok(accepted.length > 0);
      const { rows } = await test.db.query<{ id: string }>('SELECT id FROM events WHERE project_id = $1 ORDER BY id', [project.id]);
      assert.deepEqual(rows.map((row) => row.id), accepted.sort(), 'exactly the accepted events, and no deliveries of the refused one');
      assert.equal((await test.db.query('SELECT 1 FROM deliveries d LEFT JOIN events e ON e.id = d.event_id WHERE d.project_id = $1 AND e.id IS NULL', [project.id])).rowCount, 0);
      // Room again (the events go back to the main disk): accepted again.
      await test.db.query('ALTER TABLE events SET TABLESPACE pg_default');
      const after = await call(`${test.api.url}/v1/events`, { method: 'POST', headers, body: JSON.stringify({ eventType: 'disk.fill', payload: { again: true } }) });
      assert.equal(after.status, 202, JSON.stringify(after.body));
      await test.db.query('DROP TABLESPACE tiny');
    } finally {
      await gateway.stop();
      execFileSync('umount', [mountPoint]);
      fs.rmSync(mountPoint, { recursive: true, force: true });
    }
  });

  it('Temporal out of reach: ingest still accepts, the deliveries wait to be started, and readiness says degraded', async () => {
    const test = await startTestApi({ TEMPORAL_ADDRESS: `127.0.0.1:${await closedPort()}` });
    try {
      const project = await newProject(test, 'no temporal');
      await project.http.post('/v1/endpoints', { url: `http://127.0.0.1:${await closedPort()}/never` });
      const accepted = await project.http.post('/v1/events', { eventType: 'waiting.one', payload: {} });
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      const { rows } = await test.db.query('SELECT workflow_started_at FROM deliveries WHERE event_id = $1', [accepted.body.id]);
      assert.deepEqual(rows, [{ workflow_started_at: null }], 'recorded, for the reconciler to start once Temporal is back');
      const ready = await call(`${test.api.url}/readyz`);
      assert.equal(ready.status, 200);
      assert.equal(ready.body.status, 'degraded');
      assert.equal(ready.body.checks.temporal.ok, false);
      // Not for another test's reconciler to start: this database is shared.
      await test.db.query('DELETE FROM events WHERE project_id = $1', [project.id]);
    } finally {
      await test.stop();
    }
  });
});
