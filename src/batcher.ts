/**
 * Writes that many callers make at once, gathered into one: while a write is under way, what
 * arrives waits for the next, which takes all of it. A lone caller's write goes at once, so
 * nothing waits on a timer; under load, one statement (and one commit) serves many callers.
 * Each caller's promise settles with the write that carried its items.
 */
export function createBatcher<T>(write: (items: T[]) => Promise<unknown>) {
  let waiting: { items: T[]; done: Promise<void> } | undefined;
  let writing: Promise<void> = Promise.resolve();

  return {
    /** Settles once `items` are written; rejects if the write that carried them failed. */
    add(items: T[]): Promise<void> {
      if (items.length === 0) return Promise.resolve();
      if (waiting) {
        waiting.items.push(...items);
        return waiting.done;
      }
      const batch = { items: [...items], done: Promise.resolve() };
      // The next write starts when the one under way has settled, and takes whatever came meanwhile.
      batch.done = writing.then(async () => {
        if (waiting === batch) waiting = undefined;
        await write(batch.items);
      });
      waiting = batch;
      writing = batch.done.catch(() => undefined);
      return batch.done;
    },
  };
}
