import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createBatcher } from '../../src/batcher';

/** A write that finishes only when told, recording what each write carried. */
function controlledWrite() {
  const writes: number[][] = [];
  const finishers: ((error?: Error) => void)[] = [];
  const write = (items: number[]) =>
    new Promise<void>((resolve, reject) => {
      writes.push(items);
      finishers.push((error) => (error ? reject(error) : resolve()));
    });
  return { write, writes, finish: (error?: Error) => finishers.shift()!(error) };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('batcher', () => {
  it("writes a lone caller's items at once", async () => {
    const w = controlledWrite();
    const batcher = createBatcher(w.write);
    const done = batcher.add([1, 2]);
    await tick();
    assert.deepEqual(w.writes, [[1, 2]]);
    w.finish();
    await done;
  });

  it('gathers what arrives during a write into one next write, and settles each caller with its own write', async () => {
    const w = controlledWrite();
    const batcher = createBatcher(w.write);
    const first = batcher.add([1]);
    await tick();
    let secondDone = false;
    const second = batcher.add([2]).then(() => (secondDone = true));
    const third = batcher.add([3, 4]);
    await tick();
    assert.deepEqual(w.writes, [[1]], 'nothing more is written while a write is under way');
    w.finish();
    await first;
    await tick();
    assert.equal(secondDone, false, 'the second caller waits for the write that carries its items');
    assert.deepEqual(w.writes, [[1], [2, 3, 4]]);
    w.finish();
    await Promise.all([second, third]);
    assert.equal(secondDone, true);
  });

  it('rejects only the callers whose write failed, and goes on writing', async () => {
    const w = controlledWrite();
    const batcher = createBatcher(w.write);
    const first = batcher.add([1]);
    await tick();
    const second = batcher.add([2]);
    w.finish(new Error('database down'));
    await assert.rejects(first, /database down/);
    await tick();
    assert.deepEqual(w.writes, [[1], [2]]);
    w.finish();
    await second;
  });

  it('writes nothing for nothing', async () => {
    const w = controlledWrite();
    await createBatcher(w.write).add([]);
    await tick();
    assert.deepEqual(w.writes, []);
  });
});
