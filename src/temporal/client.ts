/** The Temporal client for processes that start and signal workflows (API, dev, tests). */
import { Client, Connection } from '@temporalio/client';
import type { Config } from '../config';
import { clientInterceptors } from '../tracing/temporal-interceptors';
import { installTracing } from '../tracing/tracing';

/**
 * The connection is lazy: the API must come up, and say "not ready", while Temporal is down,
 * then recover by itself when it is back.
 */
export function createTemporalClient(config: Config): { client: Client; connection: Connection } {
  const connection = Connection.lazy({ address: config.temporal.address });
  const interceptors = clientInterceptors(installTracing(config.tracing));
  return { client: new Client({ connection, namespace: config.temporal.namespace, interceptors }), connection };
}
