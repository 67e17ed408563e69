/** The Temporal worker: Switchyard's workflows and activities on one task queue. */
import { DefaultLogger, NativeConnection, Runtime, Worker, type LogLevel } from '@temporalio/worker';
import { createActivities } from '../../activities';
import type { Config } from '../config';
import type { Db } from '../db/pool';
import { log } from '../log';

let runtimeInstalled = false;

/** Routes the SDK's own logging into ours; at `info` the SDK is chatty (bundler output), so warn. */
function installRuntime(config: Config): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  const level: LogLevel = config.logLevel === 'debug' ? 'DEBUG' : 'WARN';
  Runtime.install({
    logger: new DefaultLogger(level, (entry) => {
      const write = entry.level === 'ERROR' ? log.error : entry.level === 'WARN' ? log.warn : log.debug;
      write(`temporal: ${entry.message}`, entry.meta);
    }),
  });
}

export interface RunningWorker {
  worker: Worker;
  /** Settles when the worker has stopped; rejects if it failed. */
  done: Promise<void>;
  stop(): Promise<void>;
}

export async function startWorker(config: Config, db: Db, options: { taskQueue?: string } = {}): Promise<RunningWorker> {
  installRuntime(config);
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: options.taskQueue ?? config.temporal.taskQueue,
      workflowsPath: require.resolve('../../workflows'),
      activities: createActivities({ db, smtp: config.smtp }),
    });
    const done = worker.run().finally(() => connection.close());
    return {
      worker,
      done,
      async stop() {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await done;
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
