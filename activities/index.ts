/** Every activity the worker registers, built around the I/O they are given. */
import type { Db } from '../src/db/pool';
import { createDeliveryActivities } from './delivery';
import { createNoticeActivities, type SmtpSettings } from './notices';
import { createSelfCheckActivities } from './self-check';

export interface ActivityDependencies {
  db: Db;
  /** Unset: notices are not emailed. */
  smtp?: SmtpSettings;
}

export function createActivities(deps: ActivityDependencies) {
  return {
    ...createSelfCheckActivities(deps.db),
    ...createDeliveryActivities({ db: deps.db }),
    ...createNoticeActivities({ db: deps.db, smtp: deps.smtp }),
  };
}
