import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../src/config';

/** What a process logs on stderr after configuring the logger and running `body`. */
function logged(format: 'json' | 'pretty', body: string): string {
  const script = `const { configureLogging, log, logWith } = require(${JSON.stringify(path.join(repoRoot, 'src', 'log.ts'))});
configureLogging('info', ${JSON.stringify(format)});
${body}`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stderr;
}

describe('the logger', () => {
  it('writes one JSON object per line, with level, time and message', () => {
    const [line, ...rest] = logged('json', `log.info('hello', { deliveryId: 'dlv_1' }); log.debug('not at info');`).trim().split('\n');
    assert.deepEqual(rest, []);
    const entry = JSON.parse(line!);
    assert.equal(entry.level, 'info');
    assert.equal(entry.msg, 'hello');
    assert.equal(entry.deliveryId, 'dlv_1');
    assert.ok(!Number.isNaN(Date.parse(entry.time)));
  });

  it('masks fields named like credentials, at the top and one level down', () => {
    const out = logged('json', `log.warn('oops', { apiKey: 'sk_top', headers: { authorization: 'Bearer deep', 'x-api-key': 'k_deep', accept: 'json' }, secret: 'whsec_x' });`);
    for (const leaked of ['sk_top', 'Bearer deep', 'k_deep', 'whsec_x']) assert.ok(!out.includes(leaked), `${leaked} in ${out}`);
    const entry = JSON.parse(out);
    assert.equal(entry.headers.accept, 'json');
    assert.equal(entry.headers.authorization, '[redacted]');
  });

  it('carries bound fields on every line of a bound log', () => {
    const lines = logged('json', `const l = logWith(() => ({ deliveryId: 'dlv_9' })); l.info('a'); l.warn('b', { extra: 1 });`).trim().split('\n').map((line) => JSON.parse(line));
    assert.deepEqual(lines.map((entry) => [entry.msg, entry.deliveryId]), [['a', 'dlv_9'], ['b', 'dlv_9']]);
  });

  it('writes readable lines when pretty', () => {
    const out = logged('pretty', `log.info('hello there', { n: 1 });`);
    assert.match(out, /INFO/);
    assert.match(out, /hello there/);
    assert.throws(() => JSON.parse(out.trim()));
  });
});
