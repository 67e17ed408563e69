/**
 * /v1/customers/:id/portal-sessions: links that open the customer portal for one customer.
 * The link's token rides in the URL fragment, which browsers never send to a server nor put in
 * a Referer: only the portal page reads it, and trades it for a cookie.
 */
import { Router, type Request } from 'express';
import { parseDuration } from '../../durations';
import type { Db } from '../../db/pool';
import { createCustomerSession, revokeCustomerSessions } from '../../portal/sessions-repository';
import { createPortalSessionSchema } from '../../portal/session-schema';
import { signLinkToken } from '../../portal/tokens';
import { signingKeys } from '../../secrets/keyring';
import { projectOf } from '../auth';
import { findCustomer } from '../../customers/repository';
import { CUSTOMER } from '../customer-lookup';
import { found } from '../errors';
import { parseBody } from '../validation';

/** `publicUrl`: where browsers reach this API; unset, the origin the provider called it at. */
export function portalSessionRoutes(db: Db, publicUrl: string | undefined): Router {
  const router = Router({ mergeParams: true });
  const origin = (req: Request) => publicUrl ?? `${req.protocol}://${req.get('host')}`;

  router.post('/', async (req: Request<{ id: string }>, res) => {
    const input = parseBody(createPortalSessionSchema, req.body ?? {});
    const projectId = projectOf(req).id;
    const customerId = found(await findCustomer(db, projectId, req.params.id), CUSTOMER, req.params.id).id;
    const expiresAt = new Date(Date.now() + parseDuration(input.expiresIn)!);
    const session = await createCustomerSession(db, { projectId, customerId, permissions: input.permissions, returnUrl: input.returnUrl ?? null, expiresAt });
    const url = new URL(`/portal/open/${encodeURIComponent(projectId)}`, origin(req));
    url.hash = signLinkToken(signingKeys()[0]!, session.id);
    res.status(201).json({ url: url.toString(), expiresAt: session.expiresAt, permissions: input.permissions });
  });

  router.delete('/', async (req: Request<{ id: string }>, res) => {
    const projectId = projectOf(req).id;
    const customerId = found(await findCustomer(db, projectId, req.params.id), CUSTOMER, req.params.id).id;
    res.json({ revoked: await revokeCustomerSessions(db, projectId, customerId) });
  });

  return router;
}
