/**
 * Secrets at rest, against real PostgreSQL: what the API stores is sealed (endpoint secrets and v1a keys,
 * rotated ones, custom header values, source secrets, the operational webhook's secret); rows
 * written in the clear before encryption are sealed by `switchyard migrate`; `switchyard
 * rotate-keys` re-seals everything under a new key, after which the old key can go. The commands
 * run as users run them, through the launcher, on a database of their own.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { repoRoot } from '../../src/config';
import { migrate } from '../../src/db/migrate';
import { SECRET_PURPOSE } from '../../src/secrets/keyring';
import { createSealer, newEncryptionKeyEntry, parseEncryptionKeys, type Sealer } from '../../src/secrets/sealing';
import { recreateDatabase } from '../../src/stack/postgres';
import { newProject, startTestApi, type TestApi } from '../support/api';
import { logEntry, testConfig } from '../support/services';

const run = promisify(execFile);

/** Every text value in a row, nested JSON included, as one string to search. */
const rowText = (row: unknown) => JSON.stringify(row);

describe('secrets at rest', () => {
  let test: TestApi;
  before(async () => {
    test = await startTestApi();
  });
  after(() => test?.stop());

  it('stores every secret the API is given or makes sealed, and answers with the plaintext where it shows one', async () => {
    const project = await newProject(test);
    const created = await project.http.post('/v1/endpoints', {
      url: 'https://hooks.example.com/in',
      headers: { Authorization: 'Bearer receiver-token-123' },
      auth: { type: 'bearer', token: 'receiver-bearer-77' },
    });
    assert.equal(created.status, 201);
    const rotated = await project.http.post(`/v1/endpoints/${created.body.id}/rotate-secret`, {});
    await project.http.post(`/v1/endpoints/${created.body.id}/rotate-signing-key`, {});
    const source = await project.http.post('/v1/sources', { name: 'stripe', provider: 'stripe', secrets: ['whsec_stripe_plain_456'] });
    assert.equal(source.status, 201, JSON.stringify(source.body));
    const ops = await project.http.patch('/v1/project', { operationalWebhookUrl: 'https://ops.example.com/hook' });
    const plaintexts = [created.body.secret, rotated.body.secret, 'receiver-token-123', 'whsec_stripe_plain_456', ops.body.operationalWebhookSecret, 'receiver-bearer-77'];

    const endpoint = (await test.db.query('SELECT secret, previous_secrets, headers, signing_key, previous_signing_keys, auth FROM endpoints WHERE id = $1', [created.body.id])).rows[0];
    const sourceRow = (await test.db.query('SELECT secrets FROM sources WHERE id = $1', [source.body.id])).rows[0];
    const projectRow = (await test.db.query('SELECT operational_webhook_secret FROM projects WHERE id = $1', [project.id])).rows[0];
    for (const plaintext of plaintexts) {
      for (const row of [endpoint, sourceRow, projectRow]) assert.ok(!rowText(row).includes(plaintext), `${plaintext} stored in the clear`);
    }
    assert.match(endpoint.secret, /^enc:v1:test:/);
    assert.match(endpoint.previous_secrets[0].secret, /^enc:v1:test:/);
    assert.match(endpoint.headers.Authorization, /^enc:v1:test:/);
    assert.match(endpoint.signing_key, /^enc:v1:test:/);
    assert.match(endpoint.auth, /^enc:v1:test:/);
    assert.match(endpoint.previous_signing_keys[0].signingKey, /^enc:v1:test:/);
    assert.ok(!rowText(endpoint).includes('whsk_'), 'no v1a key in the clear');
    assert.match(sourceRow.secrets[0], /^enc:v1:test:/);
    assert.match(projectRow.operational_webhook_secret, /^enc:v1:test:/);

    // Read back through the API: names shown, values still write-only.
    const shown = await project.http.get(`/v1/endpoints/${created.body.id}`);
    assert.deepEqual(shown.body.headers, { Authorization: '[redacted]' });
  });
});

describe('switchyard migrate and rotate-keys', () => {
  const base = testConfig();
  const databaseUrl = `${base.databaseUrl}_keys`;
  const first = newEncryptionKeyEntry('first');
  const second = newEncryptionKeyEntry('second');
  const keysOf = (text: string) => {
    const keys = parseEncryptionKeys(text);
    assert.ok(Array.isArray(keys));
    return keys;
  };
  let db: pg.Pool;

  const cli = (command: string, keys: string) =>
    run(process.execPath, [path.join(repoRoot, 'src', 'launcher.mjs'), command], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, SWITCHYARD_ENCRYPTION_KEYS: keys, LOG_LEVEL: 'info' },
    });

  /** The stored values of the one project, endpoint and source, opened with `sealer`. */
  const opened = async (sealer: Sealer) => {
    const endpoint = (await db.query('SELECT secret, previous_secrets, headers, signing_key, previous_signing_keys FROM endpoints')).rows[0];
    const source = (await db.query('SELECT secrets FROM sources')).rows[0];
    const project = (await db.query('SELECT operational_webhook_secret FROM projects')).rows[0];
    return {
      stored: [
        endpoint.secret,
        endpoint.previous_secrets[0].secret,
        endpoint.headers['X-Api-Key'],
        endpoint.signing_key,
        endpoint.previous_signing_keys[0].signingKey,
        ...source.secrets,
        project.operational_webhook_secret,
      ] as string[],
      plain: {
        secret: sealer.open(endpoint.secret, SECRET_PURPOSE.endpointSecret),
        previous: sealer.open(endpoint.previous_secrets[0].secret, SECRET_PURPOSE.endpointSecret),
        header: sealer.open(endpoint.headers['X-Api-Key'], SECRET_PURPOSE.endpointHeader),
        signingKey: sealer.open(endpoint.signing_key, SECRET_PURPOSE.endpointSigningKey),
        previousSigningKey: sealer.open(endpoint.previous_signing_keys[0].signingKey, SECRET_PURPOSE.endpointSigningKey),
        sources: source.secrets.map((s: string) => sealer.open(s, SECRET_PURPOSE.sourceSecret)),
        notice: sealer.open(project.operational_webhook_secret, SECRET_PURPOSE.noticeWebhookSecret),
      },
    };
  };
  const expected = {
    secret: 'whsec_current_plain',
    previous: 'whsec_previous_plain',
    header: 'key-in-the-clear',
    signingKey: 'whsk_current_plain',
    previousSigningKey: 'whsk_previous_plain',
    sources: ['src-secret-a', 'src-secret-b'],
    notice: 'whsec_notice_plain',
  };

  before(async () => {
    await recreateDatabase(databaseUrl);
    await migrate(databaseUrl);
    db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // Rows as a version before encryption at rest wrote them: in the clear.
    await db.query(`INSERT INTO projects (id, name, operational_webhook_url, operational_webhook_secret) VALUES ('prj_old', 'old', 'https://ops.example.com', $1)`, [expected.notice]);
    await db.query(
      `INSERT INTO endpoints (id, project_id, url, secret, previous_secrets, headers, signing_key, previous_signing_keys)
       VALUES ('ep_old', 'prj_old', 'https://hooks.example.com', $1, $2, $3, $4, $5)`,
      [
        expected.secret,
        JSON.stringify([{ secret: expected.previous, expiresAt: new Date(Date.now() + 3_600_000).toISOString() }]),
        { 'X-Api-Key': expected.header },
        expected.signingKey,
        JSON.stringify([{ signingKey: expected.previousSigningKey, expiresAt: new Date(Date.now() + 3_600_000).toISOString() }]),
      ],
    );
    await db.query(`INSERT INTO sources (id, project_id, name, provider, secrets) VALUES ('src_old', 'prj_old', 'old', 'stripe', $1)`, [JSON.stringify(expected.sources)]);
  });
  after(() => db?.end());

  it('migrate seals the rows stored in the clear, and a second run changes nothing', async () => {
    await cli('migrate', first);
    const sealer = createSealer(keysOf(first));
    const after = await opened(sealer);
    assert.deepEqual(after.plain, expected);
    assert.ok(after.stored.every((value) => value.startsWith('enc:v1:first:')), JSON.stringify(after.stored));

    await cli('migrate', first);
    assert.deepEqual((await opened(sealer)).stored, after.stored, 'already sealed under the current key: left as they are');
  });

  it('rotate-keys re-seals everything under the new first key; then the old key can go', async () => {
    const { stderr, stdout } = await cli('rotate-keys', `${second},${first}`);
    const resealed = logEntry(stdout + stderr, 're-sealed stored secrets under the current key');
    assert.deepEqual(resealed && [resealed.endpoints, resealed.sources, resealed.projects, resealed.key], [1, 1, 1, 'second'], stdout + stderr);
    const rotated = await opened(createSealer(keysOf(second)));
    assert.deepEqual(rotated.plain, expected);
    assert.ok(rotated.stored.every((value) => value.startsWith('enc:v1:second:')));
    assert.throws(() => createSealer(keysOf(first)).open(rotated.stored[0]!, SECRET_PURPOSE.endpointSecret), /does not hold/);
    for (const [, material] of [first, second].map((entry) => entry.split(':'))) assert.ok(!(stdout + stderr).includes(material!), 'no key material in the output');
  });

  it('refuses to start without keys, naming the variable and not a value', async () => {
    const failed = await run(process.execPath, [path.join(repoRoot, 'src', 'launcher.mjs'), 'rotate-keys'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, SWITCHYARD_ENCRYPTION_KEYS: '' },
    }).then(
      () => assert.fail('expected a failure'),
      (error: { code: number; stderr: string }) => error,
    );
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /SWITCHYARD_ENCRYPTION_KEYS: not set/);

    const short = `bad:${crypto.randomBytes(8).toString('base64')}`;
    const invalid = await run(process.execPath, [path.join(repoRoot, 'src', 'launcher.mjs'), 'rotate-keys'], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: databaseUrl, SWITCHYARD_ENCRYPTION_KEYS: short },
    }).then(
      () => assert.fail('expected a failure'),
      (error: { stderr: string }) => error,
    );
    assert.match(invalid.stderr, /SWITCHYARD_ENCRYPTION_KEYS: .*32 bytes/);
    assert.ok(!invalid.stderr.includes(short.split(':')[1]!));
  });
});
