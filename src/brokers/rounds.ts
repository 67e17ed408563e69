/**
 * The rhythm of a consumers' supervisor (Kafka's and the other brokers'): every couple of seconds
 * a round that brings its consumers in line with the sources in PostgreSQL, and every few seconds
 * a report of what they are doing. Rounds never overlap: each schedules the next when it is done.
 */
import { errorMessage, log } from '../log';

const REFRESH_MS = 2_000;
const REPORT_MS = 5_000;

export interface Rounds {
  /** Waits for the round in progress, and schedules no more. */
  stop(): Promise<void>;
}

/** `what` names the sources in the log ("Kafka", "broker"). */
export function startRounds(what: string, refresh: () => Promise<void>, report: () => Promise<void>): Rounds {
  let stopping = false;
  let round: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let lastReport = 0;
  const tick = () => {
    round = (async () => {
      await refresh().catch((error) => log.warn(`${what} sources could not be read`, { error: errorMessage(error) }));
      if (Date.now() - lastReport >= REPORT_MS) {
        lastReport = Date.now();
        await report().catch((error) => log.debug(`${what} consumer report not saved`, { error: errorMessage(error) }));
      }
    })().finally(() => {
      if (!stopping) timer = setTimeout(tick, REFRESH_MS);
    });
  };
  tick();
  return {
    async stop() {
      stopping = true;
      clearTimeout(timer);
      await round;
    },
  };
}
