/**
 * The layers of the code, kept as decided: `workflows/` (deterministic, run in Temporal's sandbox)
 * may import `activities/` (types only, for their proxies) and `src/`; `activities/` (side
 * effects) may import `src/`; `src/` is the bottom and imports neither. The one exception is the
 * composition root, which assembles a process from every layer: `src/cli.ts`, `src/commands/` and
 * `src/worker.ts`, imported by nothing below it. And no file imports itself through
 * others: no cycles, type imports included.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filesUnder, importGraph } from '../support/imports';

const LAYERS = ['workflows', 'activities', 'src'] as const;
const ROOT = ['src/cli.ts', 'src/commands/', 'src/worker.ts'];

const layerOf = (file: string) => (ROOT.some((root) => file === root || file.startsWith(root)) ? 'root' : file.split('/')[0]!);
/** What each layer may import besides itself. */
const allowed: Record<string, string[]> = { root: ['workflows', 'activities', 'src'], workflows: ['activities', 'src'], activities: ['src'], src: [] };

/** Strongly connected groups of more than one file (Tarjan's algorithm). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== file);
      if (group.length > 1 || graph.get(file)?.includes(file)) found.push(group.sort());
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('layers', () => {
  const graph = importGraph(LAYERS.flatMap((layer) => filesUnder(layer)), 'all');

  it('reads the imports of every file in the three layers', () => {
    assert.ok(graph.size > 50);
    assert.ok(graph.get('workflows/delivery.ts')!.includes('src/deliveries/workflow-contract.ts'));
  });

  it('point one way: workflows → activities → src, with the composition root above them all', () => {
    const wrong = [...graph].flatMap(([file, targets]) =>
      targets.filter((target) => layerOf(target) !== layerOf(file) && !allowed[layerOf(file)]!.includes(layerOf(target))).map((target) => `${file} → ${target}`),
    );
    assert.deepEqual(wrong, []);
  });

  it('have no import cycles, type imports included', () => {
    assert.deepEqual(cycles(graph), []);
  });

  it('the cycle check finds a cycle when there is one', () => {
    const made = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    assert.deepEqual(cycles(made), [['a.ts', 'b.ts', 'c.ts']]);
  });
});
