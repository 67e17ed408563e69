/** The saved workflow bundle: used while its inputs are unchanged, made afresh when one changes. */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import vm from 'node:vm';
import ts from 'typescript';
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

      // Made with another list of preloaded modules (the entry webpack never reads from disk): afresh.
      const otherPreload = path.join(root, 'other-preload');
      fs.mkdirSync(otherPreload);
      fs.writeFileSync(path.join(otherPreload, 'workflow-bundle.json'), JSON.stringify({ ...manifest, preloaded: [] }));
      assert.equal((await workflowBundle(otherPreload)).source, 'bundled');

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

describe('preloaded workflow modules', () => {
  const repoRoot = path.resolve(__dirname, '..', '..');
  const dir = path.join(os.tmpdir(), `switchyard-bundle-preload-${process.pid}`);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('are evaluated once for the whole context: a new workflow evaluates no module of its own', async () => {
    const { code } = await workflowBundle(dir);
    // The worker's reused context routes webpack's module cache through this global: modules
    // loaded before a workflow exists are shared, later ones go to the workflow's own cache.
    const shared = new Map<string, unknown>();
    const context: Record<string, unknown> & { __TEMPORAL_ACTIVATOR__?: { moduleCache: Map<string, unknown> } } = {};
    const moduleCache = new Proxy(
      {},
      {
        get: (_, id: string) => shared.get(id) ?? context.__TEMPORAL_ACTIVATOR__?.moduleCache.get(id),
        set: (_, id: string, value) => {
          (context.__TEMPORAL_ACTIVATOR__?.moduleCache ?? shared).set(id, value);
          return true;
        },
      },
    );
    Object.defineProperty(context, '__webpack_module_cache__', { value: moduleCache });
    Object.assign(context, { TextEncoder, TextDecoder, AbortController, URL, URLSearchParams, console, setTimeout, clearTimeout });
    vm.createContext(context);
    vm.runInContext(code, context);
    vm.runInContext('__TEMPORAL__.preloadModules()', context);

    const ownModules = new Map<string, unknown>();
    context.__TEMPORAL_ACTIVATOR__ = { moduleCache: ownModules };
    const workflows = vm.runInContext('__TEMPORAL__.importWorkflows()', context) as Record<string, unknown>;
    assert.equal(typeof workflows.deliveryWorkflow, 'function');
    assert.deepEqual([...ownModules.keys()], [], 'modules evaluated for one workflow');
    assert.ok([...shared.keys()].some((id) => id.endsWith('workflows/delivery.ts')));
  });

  it('keep no per-workflow state at module level: no top-level let or var, no top-level collections', async () => {
    await workflowBundle(dir);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'workflow-bundle.json'), 'utf8')) as { inputs: { files: Record<string, string> } };
    const ours = Object.keys(saved.inputs.files).filter((file) => file.startsWith(repoRoot) && !file.includes(`${path.sep}node_modules${path.sep}`));
    assert.ok(ours.some((file) => file.endsWith(path.join('workflows', 'delivery.ts'))));
    const problems: string[] = [];
    for (const file of ours) {
      const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      for (const statement of source.statements) {
        if (!ts.isVariableStatement(statement)) continue;
        const list = statement.declarationList;
        const where = `${path.relative(repoRoot, file)}:${source.getLineAndCharacterOfPosition(statement.getStart()).line + 1}`;
        if (!(list.flags & ts.NodeFlags.Const)) problems.push(`${where}: a top-level let or var`);
        for (const declaration of list.declarations) {
          const init = declaration.initializer;
          if (init && ts.isNewExpression(init) && /^(Map|Set|WeakMap|WeakSet|Array)$/.test(init.expression.getText())) {
            problems.push(`${where}: a top-level ${init.expression.getText()}`);
          }
        }
      }
    }
    assert.deepEqual(problems, []);
  });

  it('leave zod out: its schemas change themselves as they are used, and preloaded modules are frozen', async () => {
    await workflowBundle(dir);
    const saved = JSON.parse(fs.readFileSync(path.join(dir, 'workflow-bundle.json'), 'utf8')) as { inputs: { files: Record<string, string> } };
    const files = Object.keys(saved.inputs.files);
    assert.ok(files.some((file) => file.endsWith(path.join('src', 'endpoint-health', 'commands.ts'))), 'the command checks are bundled');
    assert.deepEqual(files.filter((file) => file.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`)), []);
  });
});
