/** Requests name a customer by its id or its uid; routes look it up here, once. */
import { findCustomer } from '../customers/repository';
import type { Db } from '../db/pool';
import { found, type ResourceKind } from './errors';

export const CUSTOMER: ResourceKind = { code: 'customer_not_found', noun: 'customer' };

/** The Switchyard id of the customer a request names by id or uid (a 404 if none); null and undefined as they are. */
export async function customerIdOf<T extends null | undefined>(db: Db, projectId: string, ref: string | T): Promise<string | T> {
  if (ref === null || ref === undefined) return ref;
  return found(await findCustomer(db, projectId, ref), CUSTOMER, ref).id;
}
