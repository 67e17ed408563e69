/** What a provider asks for when it makes a portal link for one of its customers. */
import { z } from 'zod';
import { durationUpTo } from '../endpoints/schema';

/** A site that may frame the portal, as CSP frame-ancestors takes it: an origin, its host perhaps "*."-prefixed. */
export const FRAME_ANCESTOR = /^https?:\/\/(\*\.)?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*(:\d{1,5})?$/;

export const frameAncestorsSchema = z
  .array(z.string().max(300).regex(FRAME_ANCESTOR, 'must be an origin such as https://app.example.com or https://*.example.com'))
  .max(20);

export const DEFAULT_PORTAL_SESSION = '1h';
export const MAX_PORTAL_SESSION = '7d';

export const createPortalSessionSchema = z
  .object({
    expiresIn: durationUpTo(MAX_PORTAL_SESSION).default(DEFAULT_PORTAL_SESSION),
    // What a portal is for, fixing one's own endpoints, needs manage; read shows without changing.
    permissions: z.enum(['read', 'manage']).default('manage'),
    // Where the portal's "back" link goes: the provider's own dashboard.
    returnUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048).optional(),
  })
  .strict();
