/**
 * Getting into the portal: a customer's link (its page trades the fragment's token for the
 * session cookie), an operator's sign-in with an API key, and signing out.
 */
import express, { Router } from 'express';
import type { Db } from '../db/pool';
import { authenticateApiKey } from '../projects/api-keys-repository';
import { signingKeys } from '../secrets/keyring';
import { send, text } from './requests';
import { createOperatorSession, endSession, frameAncestorsOf, openLink } from './sessions-repository';
import { clearSessionCookie, contextOf, crossSite, PortalRefusal, setPortalHeaders, setSessionCookie } from './session';
import { newCookieToken, verifyLinkToken } from './tokens';
import { loginPage, openerPage, refusalPage } from './views/access';

const OPERATOR_SESSION_MS = 12 * 3_600_000;

/** What needs no session: the link's page, trading its token, and the operator's sign-in. */
export function entryRoutes(db: Db): Router {
  const router = Router();

  // The link's page: its script posts the fragment's token to /session. Framed by the project's sites only.
  router.get('/open/:projectId', async (req, res) => {
    setPortalHeaders(res, await frameAncestorsOf(db, req.params.projectId));
    send(res, openerPage());
  });

  router.post('/session', express.json({ limit: '4kb' }), async (req, res) => {
    const refuse = (status: number, code: string, message: string) => res.status(status).json({ error: { code, message } });
    if (crossSite(req)) return refuse(403, 'cross_site', 'Portal links are opened by the portal page itself.');
    const sessionId = verifyLinkToken(signingKeys(), text(req.body?.token));
    if (!sessionId) return refuse(401, 'invalid_link', 'This link is not valid: it may be incomplete. Ask for a new one.');
    const cookie = newCookieToken();
    const session = await openLink(db, sessionId, cookie);
    if (!session) return refuse(401, 'link_expired', 'This link has expired, was revoked, or was opened already. Ask for a new one.');
    setSessionCookie(req, res, cookie, session.expiresAt, session.frameAncestors.length > 0);
    res.status(204).end();
  });

  router.get('/login', (_req, res) => send(res, loginPage()));

  // Trades an API key for a console session: the key goes in a form's body, never in a URL.
  router.post('/login', async (req, res) => {
    if (crossSite(req)) throw new PortalRefusal(403, 'Refused', 'Sign in from the sign-in page itself.');
    const caller = await authenticateApiKey(db, text(req.body?.apiKey));
    if (!caller || caller.key.scope === 'ingest') return send(res, loginPage('That key is not a full or read key of any project.'), 401);
    const cookie = newCookieToken();
    const expiresAt = new Date(Date.now() + OPERATOR_SESSION_MS);
    await createOperatorSession(db, { projectId: caller.project.id, apiKeyId: caller.key.id, scope: caller.key.scope, cookie, expiresAt });
    setSessionCookie(req, res, cookie, expiresAt, false);
    res.redirect(303, '/portal/endpoints');
  });

  return router;
}

/** Signing out, within a session: the console goes back to its sign-in, a customer to where it came from. */
export function exitRoutes(db: Db): Router {
  const router = Router();
  router.post('/logout', async (req, res) => {
    const { session } = contextOf(req);
    await endSession(db, session.id);
    clearSessionCookie(res);
    if (session.customer === null) return res.redirect(303, '/portal/login');
    send(res, refusalPage('Signed out', 'You have signed out. To come back, open the portal again from the dashboard you came from.', session.returnUrl ? { href: session.returnUrl, label: 'Back' } : undefined));
  });
  return router;
}
