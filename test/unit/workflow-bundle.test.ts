/** The saved workflow bundle: used while its inputs are unchanged, made afresh when one changes. */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { inputsUnchanged, workflowBundle } from '../../src/temporal/workflow-bundle';

const sha = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

describe('workflow bundle inputs', () => {
  const disk: Record<string, string> = { '/w/a.ts': 'export const a = 1;', '/w/b.ts': 'export const b = 2;' };
  const read = (file: string) => (file in disk ? Buffer.from(disk[file]!) : undefined);
  const exists = (file: string) => file in disk;
  const inputs = { files: { '/w/a.ts': sha(disk['/w/a.ts']!), '/w/b.ts': sha(disk['/w/b.ts']!) }, absent: ['/w/a.js'] };

  it('are unchanged when every file hashes the same and nothing looked for has appeared', () => {
    assert.equal(inputsUnchanged(inputs, read, exists), true);
  });

  it('have changed when a file reads differently, is gone, or a path looked for now exists', () => {
    assert.equal(inputsUnchanged({ ...inputs, files: { ...inputs.files, '/w/b.ts': sha('export const b = 3;') } }, read, exists), false);
    assert.equal(inputsUnchanged({ ...inputs, files: { ...inputs.files, '/w/gone.ts': sha('') } }, read, exists), false);
    assert.equal(inputsUnchanged({ ...inputs, absent: ['/w/b.ts'] }, read, exists), false);
  });

  it('never match when there are none (a manifest from nowhere)', () => {
    assert.equal(inputsUnchanged({ files: {}, absent: [] }, read, exists), false);
  });
});

describe('workflowBundle', () => {
  it('bundles once and saves, uses the saved bundle while current, and bundles again when an input or the SDK changed', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-bundle-'));
    try {
      const first = path.join(root, 'first');
      const made = await workflowBundle(first);
      assert.equal(made.source, 'bundled');
      assert.match(made.code, /deliveryWorkflow/);
      assert.equal(await workflowBundle(first), made, 'the same directory in the same process: bundled once');

      const saved = fs.readFileSync(path.join(first, 'workflow-bundle.json'), 'utf8');
      const manifest = JSON.parse(saved) as { sdk: string; inputs: { files: Record<string, string> } };
      const files = Object.keys(manifest.inputs.files);
      assert.ok(files.some((file) => file.endsWith(path.join('workflows', 'delivery.ts'))), 'the workflow sources are among the inputs');
      assert.ok(files.some((file) => file.endsWith(path.join('src', 'endpoint-health', 'circuit.ts'))), 'and what they import');

      // Another process starting with that directory (here: a copy of it) reads it.
      const second = path.join(root, 'second');
      fs.mkdirSync(second);
      fs.writeFileSync(path.join(second, 'workflow-bundle.json'), saved);
      const reused = await workflowBundle(second);
      assert.deepEqual([reused.source, reused.code], ['saved', made.code]);

      // One input read differently than when it was bundled: bundled afresh, and saved over it.
      const third = path.join(root, 'third');
      fs.mkdirSync(third);
      const stale = { ...manifest, inputs: { ...manifest.inputs, files: { ...manifest.inputs.files, [files[0]!]: sha('something else') } } };
      fs.writeFileSync(path.join(third, 'workflow-bundle.json'), JSON.stringify(stale));
      assert.equal((await workflowBundle(third)).source, 'bundled');
      assert.notEqual(fs.readFileSync(path.join(third, 'workflow-bundle.json'), 'utf8'), JSON.stringify(stale));

      // Made by another version of the SDK's bundler: bundled afresh.
      const other = path.join(root, 'other-sdk');
      fs.mkdirSync(other);
      fs.writeFileSync(path.join(other, 'workflow-bundle.json'), JSON.stringify({ ...manifest, sdk: '0.0.1' }));
      assert.equal((await workflowBundle(other)).source, 'bundled');

      // Unreadable: bundled afresh rather than failing.
      const fourth = path.join(root, 'fourth');
      fs.mkdirSync(fourth);
      fs.writeFileSync(path.join(fourth, 'workflow-bundle.json'), '{"inputs": ');
      assert.equal((await workflowBundle(fourth)).source, 'bundled');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
