/**
 * The portal's session cookie and what guards every portal request: the response headers (a
 * strict Content-Security-Policy whose frame-ancestors is the project's allow-list), the session
 * the cookie names, and, on every POST, the same-origin and CSRF-token checks.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { Db } from '../db/pool';
import { FRAME_ANCESTOR } from './session-schema';
import { sessionByCookie, type PortalSession } from './sessions-repository';
import { csrfToken } from './tokens';

export const COOKIE = 'switchyard_portal';

/** What a portal request acts as: its session, and the token its forms carry back. */
export interface PortalContext {
  session: PortalSession;
  csrf: string;
}

const contexts = new WeakMap<Request, PortalContext>();

export function contextOf(req: Request): PortalContext {
  const context = contexts.get(req);
  if (!context) throw new Error('portal route without requireSession');
  return context;
}

export function cookieOf(req: Request): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = pair.trim().split('=');
    if (name === COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

/**
 * Lax keeps the cookie off other sites' requests but for top-level navigation. A portal framed
 * by another site over HTTPS needs SameSite=None to get its cookie at all; Partitioned keeps that
 * cookie to the framing site.
 */
export function setSessionCookie(req: Request, res: Response, cookie: string, expiresAt: Date, framed: boolean): void {
  const attributes = [`${COOKIE}=${cookie}`, 'Path=/portal', 'HttpOnly', `Expires=${expiresAt.toUTCString()}`];
  if (req.secure) attributes.push('Secure', ...(framed ? ['SameSite=None', 'Partitioned'] : ['SameSite=Lax']));
  else attributes.push('SameSite=Lax');
  res.append('Set-Cookie', attributes.join('; '));
}

export function clearSessionCookie(res: Response): void {
  res.append('Set-Cookie', `${COOKIE}=; Path=/portal; HttpOnly; SameSite=Lax; Max-Age=0`);
}

/** Origins a frame-ancestors directive takes: scheme and host, nothing that could end the directive. */
export function frameAncestorsDirective(allowed: readonly string[]): string {
  const sources = allowed.filter((origin) => FRAME_ANCESTOR.test(origin));
  return `frame-ancestors ${sources.length > 0 ? sources.join(' ') : "'none'"}`;
}

export function setPortalHeaders(res: Response, frameAncestors: readonly string[] = []): void {
  res.set({
    'Content-Security-Policy': [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "connect-src 'self'",
      "form-action 'self'",
      "base-uri 'none'",
      frameAncestorsDirective(frameAncestors),
    ].join('; '),
    'Cache-Control': 'no-store',
    // Not no-referrer: under it browsers send `Origin: null` with the portal's own forms, and
    // the same-origin check below could not tell them from another site's.
    'Referrer-Policy': 'same-origin',
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
  });
}

/**
 * A POST from another site is refused before anything else: browsers send Origin on every POST
 * and Sec-Fetch-Site on all current versions. Then the form's token must match the cookie's.
 */
export function crossSite(req: Request): boolean {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `${req.protocol}://${req.get('host')}`) return true;
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

export class PortalRefusal extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
  ) {
    super(message);
    this.name = 'PortalRefusal';
  }
}

export const signedOut = () => new PortalRefusal(401, 'Signed out', 'This portal session has ended or expired. Open a new link from the dashboard you came from.');

export function requireSession(db: Db): RequestHandler {
  return async (req, res, next) => {
    const cookie = cookieOf(req);
    const session = cookie ? await sessionByCookie(db, cookie) : undefined;
    if (!cookie || !session) throw signedOut();
    setPortalHeaders(res, session.frameAncestors);
    const csrf = csrfToken(cookie);
    if (req.method === 'POST') {
      if (crossSite(req) || req.body?._csrf !== csrf) throw new PortalRefusal(403, 'Refused', 'This form did not come from this portal page. Reload the page and try again.');
      if (session.permissions !== 'manage' && req.path !== '/logout') throw new PortalRefusal(403, 'Read only', 'This portal session may look but not change anything.');
    }
    contexts.set(req, { session, csrf });
    next();
  };
}
