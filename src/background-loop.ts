/**
 * A job that runs in passes until stopped (the reconciler, the retention sweep): each pass says
 * how long to wait before the next, and stopping wakes a wait at once and lets the current pass end.
 */
export interface BackgroundLoop {
  stop(): Promise<void>;
}

/** A wait that `wake()` ends early: a stopping job does not sit out its pause. */
export function wakeableWait(): { wait(ms: number): Promise<void>; wake(): void } {
  let wake: (() => void) | undefined;
  return {
    wait: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      }),
    wake: () => wake?.(),
  };
}

/** `pass` answers the wait before the next pass; `failed` answers it when a pass throws. */
export function runInPasses(pass: () => Promise<number>, failed: (error: unknown) => number): BackgroundLoop {
  let stopped = false;
  const { wait: pause, wake } = wakeableWait();
  const loop = (async () => {
    while (!stopped) {
      let delay: number;
      try {
        delay = await pass();
      } catch (error) {
        delay = failed(error);
      }
      if (!stopped && delay > 0) await pause(delay);
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake();
      await loop;
    },
  };
}
