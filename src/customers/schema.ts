/** What a customer is, as the API accepts it. */
import { z } from 'zod';

/** Switchyard's customer ids are `cus_...` (src/ids.ts). */
export const CUSTOMER_ID_KIND = 'cus';
const CUSTOMER_ID_PREFIX = `${CUSTOMER_ID_KIND}_`;

/**
 * The provider's own id for a customer. It is accepted wherever a Switchyard customer id is, so
 * it may not look like one.
 */
export const customerUid = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[A-Za-z0-9._:@|-]+$/, 'may hold letters, digits and . _ : @ | - only')
  .refine((uid) => !uid.startsWith(CUSTOMER_ID_PREFIX), `must not start with "${CUSTOMER_ID_PREFIX}", which Switchyard's own ids start with`);

/** A customer named in another request: its Switchyard id or its uid. */
export const customerRef = z.string().min(1).max(255);

/** Up to 50 string values, as a provider's own notes on the customer (plan, region, ...). */
const metadata = z
  .record(z.string().min(1).max(64), z.string().max(1000))
  .refine((value) => Object.keys(value).length <= 50, 'at most 50 keys');

export const createCustomerSchema = z
  .object({ uid: customerUid.optional(), name: z.string().trim().min(1).max(255), metadata: metadata.optional() })
  .strict();

export const updateCustomerSchema = z
  .object({ uid: customerUid.nullable(), name: z.string().trim().min(1).max(255), metadata })
  .partial()
  .strict();

export type CreateCustomer = z.output<typeof createCustomerSchema>;
export type UpdateCustomer = z.output<typeof updateCustomerSchema>;
