/** Every activity the worker registers, built around the I/O they are given. */
import type { Client } from '@temporalio/client';
import type { Db } from '../src/db/pool';
import type { DeliveryStarter } from '../src/deliveries/starter';
import type { EgressPolicy } from '../src/egress/address-policy';
import type { EgressProxy } from '../src/egress/proxy';
import { createDeliveryActivities } from './delivery';
import { createEndpointHealthActivities } from './endpoint-health';
import { createHttpSender, type Resolve } from './http-send';
import type { PermitGate } from './endpoint-permits';
import { createNoticeActivities, type SmtpSettings } from './notices';
import { createProjectDeletionActivities } from './project-deletion';
import { createSelfCheckActivities } from './self-check';

export interface ActivityDependencies {
  db: Db;
  /** Unset: notices are not emailed. */
  smtp?: SmtpSettings;
  /** For signalling and starting workflows (endpoint entities, replays, deliveries to cancel). */
  client: Client;
  gate: PermitGate;
  starter: DeliveryStarter;
  /** What deliveries and notices may connect to. */
  egress: EgressPolicy;
  /** How names are resolved before the policy judges them; the system's resolver unless a test answers. */
  resolve?: Resolve;
  /** What every request leaves through, unless a route of its own says otherwise (SWITCHYARD_EGRESS_PROXY). */
  proxy?: EgressProxy;
  /** Attempts in flight per endpoint, at most (DELIVERY_ENDPOINT_CONCURRENCY). */
  inFlightPerEndpoint?: number;
}

export function createActivities(deps: ActivityDependencies) {
  const send = createHttpSender(deps.egress, { resolve: deps.resolve, proxy: deps.proxy });
  return {
    ...createSelfCheckActivities(deps.db),
    ...createDeliveryActivities({ db: deps.db, gate: deps.gate, send, inFlightPerEndpoint: deps.inFlightPerEndpoint }),
    ...createEndpointHealthActivities({ db: deps.db, client: deps.client, starter: deps.starter }),
    ...createNoticeActivities({ db: deps.db, smtp: deps.smtp, send }),
    ...createProjectDeletionActivities({ db: deps.db, client: deps.client }),
  };
}
