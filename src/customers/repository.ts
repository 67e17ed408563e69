/**
 * Customers in PostgreSQL: the provider's own customers, each owning endpoints. Every query is
 * scoped to a project, and a customer is found by its id or by its uid alike.
 */
import { DatabaseError } from 'pg';
import { withTransaction, type Db } from '../db/pool';
import { deleteEndpointsOfCustomer } from '../endpoints/repository';
import { nextId } from '../ids';
import { liveCustomerByRef } from './ref';
import { CUSTOMER_ID_KIND, type CreateCustomer, type UpdateCustomer } from './schema';

export interface Customer {
  id: string;
  uid: string | null;
  name: string;
  metadata: Record<string, string>;
  createdAt: Date;
  updatedAt: Date;
}

interface Row {
  id: string;
  uid: string | null;
  name: string;
  metadata: Record<string, string>;
  created_at: Date;
  updated_at: Date;
}

const columns = 'id, uid, name, metadata, created_at, updated_at';

function fromRow(row: Row): Customer {
  return { id: row.id, uid: row.uid, name: row.name, metadata: row.metadata, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Another live customer of the project already has this uid. */
export class UidTaken extends Error {
  constructor(readonly uid: string) {
    super(`Another customer of this project has the uid ${uid}.`);
    this.name = 'UidTaken';
  }
}

function uidTaken(error: unknown, uid: string | null | undefined): unknown {
  return error instanceof DatabaseError && error.code === '23505' && error.constraint === 'customers_uid' ? new UidTaken(uid ?? '') : error;
}

export async function createCustomer(db: Db, projectId: string, input: CreateCustomer): Promise<Customer> {
  const { rows } = await db
    .query<Row>(`INSERT INTO customers (id, project_id, uid, name, metadata) VALUES ($1, $2, $3, $4, $5) RETURNING ${columns}`, [
      nextId(CUSTOMER_ID_KIND),
      projectId,
      input.uid ?? null,
      input.name,
      input.metadata ?? {},
    ])
    .catch((error) => Promise.reject(uidTaken(error, input.uid)));
  return fromRow(rows[0]!);
}

export async function findCustomer(db: Db, projectId: string, ref: string): Promise<Customer | undefined> {
  const { rows } = await db.query<Row>(`SELECT ${columns} FROM customers WHERE id IN (${liveCustomerByRef(1, 2)})`, [projectId, ref]);
  return rows[0] && fromRow(rows[0]);
}

export async function listCustomers(db: Db, projectId: string, limit: number, after?: string): Promise<Customer[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${columns} FROM customers
      WHERE project_id = $1 AND deleted_at IS NULL AND ($2::text IS NULL OR id < $2)
      ORDER BY id DESC LIMIT $3`,
    [projectId, after ?? null, limit],
  );
  return rows.map(fromRow);
}

export async function updateCustomer(db: Db, projectId: string, ref: string, input: UpdateCustomer): Promise<Customer | undefined> {
  const { rows } = await db
    .query<Row>(
      `UPDATE customers SET
         uid = CASE WHEN $3 THEN $4 ELSE uid END,
         name = coalesce($5, name),
         metadata = coalesce($6, metadata),
         updated_at = now()
       WHERE id IN (${liveCustomerByRef(1, 2)}) RETURNING ${columns}`,
      [projectId, ref, input.uid !== undefined, input.uid ?? null, input.name ?? null, input.metadata ?? null],
    )
    .catch((error) => Promise.reject(uidTaken(error, input.uid)));
  return rows[0] && fromRow(rows[0]);
}

/**
 * Deletes a customer and its endpoints, in one transaction: the endpoints as deleteEndpoint
 * deletes one (disabled, kept on record with their deliveries). Answers the deleted endpoints'
 * ids, whose entities are to be told, or undefined when there was no such customer.
 */
export async function deleteCustomer(db: Db, projectId: string, ref: string): Promise<string[] | undefined> {
  return withTransaction(db, async (client) => {
    const customer = await client.query<{ id: string }>(
      `UPDATE customers SET deleted_at = now(), updated_at = now() WHERE id IN (${liveCustomerByRef(1, 2)}) RETURNING id`,
      [projectId, ref],
    );
    if (customer.rows.length === 0) return undefined;
    return deleteEndpointsOfCustomer(client, projectId, customer.rows[0]!.id);
  });
}
