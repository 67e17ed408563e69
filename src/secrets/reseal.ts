/**
 * Re-seals every stored secret that is not sealed under the current key: plaintext rows written
 * before encryption at rest (`switchyard migrate` runs this), and values under an older key
 * (`switchyard rotate-keys`). Deleted endpoints and sources are included: their records are still
 * read. Rows are locked batch by batch, so a rotation of an endpoint's secret running at the same
 * time waits rather than being overwritten. The plaintext does not change, so versions stay.
 */
import { withTransaction, type Db } from '../db/pool';
import { SECRET_PURPOSE } from './keyring';
import { isSealed, type Sealer } from './sealing';

export interface ResealCounts {
  endpoints: number;
  sources: number;
  projects: number;
}

const BATCH = 200;

type Row = Record<string, unknown> & { id: string };

interface Table {
  name: keyof ResealCounts;
  columns: string[];
  /** Only rows that hold a secret. */
  where?: string;
  /** The row's sealed columns, re-sealed; undefined when all are under the current key already. */
  reseal(row: Row, value: (stored: string, purpose: string) => string): Record<string, unknown>;
}

const tables: Table[] = [
  {
    name: 'endpoints',
    columns: ['secret', 'previous_secrets', 'headers', 'signing_key', 'previous_signing_keys', 'client_tls', 'auth'],
    reseal: (row, value) => ({
      secret: value(row.secret as string, SECRET_PURPOSE.endpointSecret),
      // As JSON text: pg would send a JavaScript array as a PostgreSQL array, not as jsonb.
      previous_secrets: JSON.stringify((row.previous_secrets as { secret: string }[]).map((previous) => ({ ...previous, secret: value(previous.secret, SECRET_PURPOSE.endpointSecret) }))),
      headers: Object.fromEntries(Object.entries(row.headers as Record<string, string>).map(([name, stored]) => [name, value(stored, SECRET_PURPOSE.endpointHeader)])),
      signing_key: row.signing_key === null ? null : value(row.signing_key as string, SECRET_PURPOSE.endpointSigningKey),
      previous_signing_keys: JSON.stringify(
        (row.previous_signing_keys as { signingKey: string }[]).map((previous) => ({ ...previous, signingKey: value(previous.signingKey, SECRET_PURPOSE.endpointSigningKey) })),
      ),
      client_tls: row.client_tls === null ? null : value(row.client_tls as string, SECRET_PURPOSE.endpointTls),
      auth: row.auth === null ? null : value(row.auth as string, SECRET_PURPOSE.endpointAuth),
    }),
  },
  {
    name: 'sources',
    columns: ['secrets'],
    reseal: (row, value) => ({ secrets: JSON.stringify((row.secrets as string[]).map((stored) => value(stored, SECRET_PURPOSE.sourceSecret))) }),
  },
  {
    name: 'projects',
    columns: ['operational_webhook_secret', 'egress_proxy'],
    where: '(operational_webhook_secret IS NOT NULL OR egress_proxy IS NOT NULL)',
    reseal: (row, value) => ({
      operational_webhook_secret: row.operational_webhook_secret === null ? null : value(row.operational_webhook_secret as string, SECRET_PURPOSE.noticeWebhookSecret),
      egress_proxy: row.egress_proxy === null ? null : value(row.egress_proxy as string, SECRET_PURPOSE.projectEgressProxy),
    }),
  },
];

export async function resealSecrets(db: Db, sealer: Sealer): Promise<ResealCounts> {
  const counts: ResealCounts = { endpoints: 0, sources: 0, projects: 0 };
  for (const table of tables) {
    let after = '';
    for (;;) {
      const last = await withTransaction(db, async (client) => {
        const { rows } = await client.query<Row>(
          `SELECT id, ${table.columns.join(', ')} FROM ${table.name}
            WHERE id > $1 ${table.where ? `AND ${table.where}` : ''} ORDER BY id LIMIT ${BATCH} FOR UPDATE`,
          [after],
        );
        for (const row of rows) {
          let changed = false;
          const value = (stored: string, purpose: string) => {
            if (sealer.isCurrent(stored)) return stored;
            changed = true;
            return sealer.seal(isSealed(stored) ? sealer.open(stored, purpose) : stored, purpose);
          };
          const resealed = table.reseal(row, value);
          if (!changed) continue;
          const names = Object.keys(resealed);
          await client.query(`UPDATE ${table.name} SET ${names.map((name, i) => `${name} = $${i + 2}`).join(', ')} WHERE id = $1`, [row.id, ...Object.values(resealed)]);
          counts[table.name]++;
        }
        return rows.at(-1)?.id;
      });
      if (last === undefined) break;
      after = last;
    }
  }
  return counts;
}
