/**
 * A customer is named in requests by its Switchyard id or by the provider's uid for it. These
 * SQL fragments find its id from either, for the queries of every table that filters by customer.
 * `project` and `ref` are the numbers of the query's parameters holding the project and the name.
 */

/** Its id, deleted or not: what happened for a deleted customer stays on record, and findable. */
export const customerByRef = (project: number, ref: number) =>
  `SELECT id FROM customers WHERE project_id = $${project} AND (id = $${ref} OR uid = $${ref})`;

/** Its id while it is not deleted. */
export const liveCustomerByRef = (project: number, ref: number) => `${customerByRef(project, ref)} AND deleted_at IS NULL`;
