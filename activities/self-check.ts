/** The self-check's activity: proves the worker reaches the database and sees its schema. */
import type { Db } from '../src/db/pool';
import { schemaVersion } from '../src/db/migrate';

export function createSelfCheckActivities(db: Db) {
  return {
    async readSchemaVersion(): Promise<number> {
      return schemaVersion(db);
    },
  };
}

export type SelfCheckActivities = ReturnType<typeof createSelfCheckActivities>;
