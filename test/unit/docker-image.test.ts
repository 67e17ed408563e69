/**
 * The Docker image: what it leaves out (.dockerignore) is nothing that the commands it runs load,
 * and the local stack's provisioning is among what it leaves out.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadLocalStackCommand } from '../../src/commands';
import { repoRoot } from '../../src/config';
import { closure, filesUnder, importGraph } from '../support/imports';

const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8');
/** The folders the Dockerfile copies. */
const copied = [...read('Dockerfile').matchAll(/^COPY (\w+) \.\/\1$/gm)].map((match) => match[1]!);
const ignored = read('.dockerignore')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'));
const inImage = (file: string) => copied.some((dir) => file.startsWith(`${dir}/`)) && !ignored.some((entry) => file === entry || file.startsWith(`${entry}/`));

describe('the Docker image', () => {
  const files = copied.flatMap((dir) => filesUnder(dir));

  it('copies the three layers and leaves the local stack and its commands out', () => {
    assert.deepEqual(copied.sort(), ['activities', 'src', 'workflows']);
    for (const file of ['src/stack/stack.ts', 'src/stack/temporal-server.ts', 'src/commands/dev.ts', 'src/commands/setup.ts']) assert.equal(inImage(file), false, file);
    for (const file of ['src/cli.ts', 'src/commands/index.ts', 'src/worker.ts', 'workflows/delivery.ts']) assert.equal(inImage(file), true, file);
  });

  it('holds every file its commands and its workflow bundle load', () => {
    const loaded = closure(importGraph(files, 'loaded'), ['src/cli.ts', 'workflows/index.ts']);
    assert.ok(loaded.has('src/worker.ts') && loaded.has('src/endpoint-health/commands.ts'), 'the closure follows imports');
    assert.deepEqual([...loaded].filter((file) => !inImage(file)), []);
  });

  it('where the local stack is missing, `dev` and `setup` say so', () => {
    const missing = Object.assign(new Error("Cannot find module './dev'"), { code: 'MODULE_NOT_FOUND' });
    assert.throws(() => loadLocalStackCommand(() => { throw missing; }), /no local stack \(the Docker image leaves `dev` and `setup` out\): Cannot find module/);
    const other = new Error('boom');
    assert.throws(() => loadLocalStackCommand(() => { throw other; }), (error) => error === other);
    assert.equal(loadLocalStackCommand(() => 42), 42);
  });
});
