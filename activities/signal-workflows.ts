/** Signalling many workflows from an activity: a few dozen at a time, and a closed one skipped. */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { SignalDefinition } from '@temporalio/common';

const SIGNAL_CONCURRENCY = 32;

/**
 * Sends each workflow its signal (`args` of its own, by its index); one that has already closed
 * has nothing left to stop or wake. Answers how many were signalled.
 */
export async function signalEach<Args extends unknown[]>(
  client: Client,
  workflowIds: readonly string[],
  signal: SignalDefinition<Args>,
  args: (index: number) => Args,
): Promise<number> {
  let signalled = 0;
  for (let i = 0; i < workflowIds.length; i += SIGNAL_CONCURRENCY) {
    await Promise.all(
      workflowIds.slice(i, i + SIGNAL_CONCURRENCY).map(async (id, j) => {
        try {
          await client.workflow.getHandle(id).signal(signal, ...args(i + j));
          signalled++;
        } catch (error) {
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        }
      }),
    );
  }
  return signalled;
}

/** The same signal, with the same arguments, to each workflow. */
export function signalAll<Args extends unknown[]>(client: Client, workflowIds: readonly string[], signal: SignalDefinition<Args>, ...args: Args): Promise<number> {
  return signalEach(client, workflowIds, signal, () => args);
}
