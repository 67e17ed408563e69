/** README.md's configuration table is the documentation of src/config.ts: keep them one. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { configVariableNames, envSchema, repoRoot } from '../../src/config';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

function configurationTable(): Map<string, string> {
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = section.split('\n').filter((line) => /^\| `[A-Z_]+` \|/.test(line));
  return new Map(
    rows.map((row) => {
      const [name, defaultValue] = row.split('|').slice(1, 3).map((cell) => cell.trim().replace(/^`|`$/g, ''));
      return [name!, defaultValue!];
    }),
  );
}

describe('README configuration table', () => {
  const table = configurationTable();
  const defaults = envSchema.parse({}) as Record<string, unknown>;

  it('documents exactly the variables the config module reads', () => {
    assert.deepEqual([...table.keys()].sort(), [...configVariableNames].sort());
  });

  it('gives each variable the default the schema has', () => {
    for (const name of configVariableNames) {
      const value = defaults[name];
      const expected = value === undefined ? 'unset' : Array.isArray(value) ? value.join(',') : String(value);
      assert.equal(table.get(name), expected, name);
    }
  });
});

describe('README commands', () => {
  it('names the two fresh-machine commands, and package.json has them', () => {
    const scripts = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).scripts;
    assert.match(readme, /^npm run dev\b/m);
    assert.match(readme, /^npm test\b/m);
    assert.ok(scripts.dev && scripts.test);
  });
});
