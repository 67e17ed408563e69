/** Every activity the worker registers, built around the I/O they are given. */
import type { Client } from '@temporalio/client';
import type { Db } from '../src/db/pool';
import type { DeliveryStarter } from '../src/deliveries/starter';
import { createDeliveryActivities } from './delivery';
import { createEndpointHealthActivities } from './endpoint-health';
import type { PermitGate } from './endpoint-permits';
import { createNoticeActivities, type SmtpSettings } from './notices';
import { createSelfCheckActivities } from './self-check';

export interface ActivityDependencies {
  db: Db;
  /** Unset: notices are not emailed. */
  smtp?: SmtpSettings;
  /** For signalling and starting workflows (endpoint entities, replays). */
  client: Client;
  gate: PermitGate;
  starter: DeliveryStarter;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    ...createSelfCheckActivities(deps.db),
    ...createDeliveryActivities({ db: deps.db, gate: deps.gate }),
    ...createEndpointHealthActivities({ db: deps.db, client: deps.client, starter: deps.starter }),
    ...createNoticeActivities({ db: deps.db, smtp: deps.smtp }),
  };
}
