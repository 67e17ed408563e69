/**
 * A job that runs in passes until stopped (the reconciler, the retention sweep): each pass says
 * how long to wait before the next, and stopping wakes a wait at once and lets the current pass end.
 */
export interface BackgroundLoop {
  stop(): Promise<void>;
}

/** `pass` answers the wait before the next pass; `failed` answers it when a pass throws. */
export function runInPasses(pass: () => Promise<number>, failed: (error: unknown) => number): BackgroundLoop {
  let stopped = false;
  let wake: (() => void) | undefined;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
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
      wake?.();
      await loop;
    },
  };
}
