/**
 * Providers that prove themselves with a shared secret sent as is rather than a signature: HTTP
 * Basic credentials, or an API key in a header of the source's choosing. Nothing is signed, so the
 * body is not protected and there is no delivery id; the caller dedupes on the body's hash.
 */
import { accepted, header, rejected, sameToken } from './signature-checks';
import type { Preset } from './types';

export const basicAuth: Preset = {
  verify(config, request) {
    const authorization = header(request, 'authorization');
    if (!authorization) return rejected('missing Authorization header');
    const match = /^basic\s+([A-Za-z0-9+/]+={0,2})$/i.exec(authorization);
    if (!match) return rejected('Authorization is not Basic credentials');
    const credentials = Buffer.from(match[1]!, 'base64').toString('utf8');
    if (!config.secrets.some((secret) => sameToken(credentials, secret))) return rejected('Basic credentials match no configured user:password');
    return accepted();
  },
  secretProblem(secret) {
    // RFC 7617: the user id cannot contain a colon, so the first one separates it from the password.
    const colon = secret.indexOf(':');
    return colon > 0 && colon < secret.length - 1 ? undefined : "must be 'user:password' with neither part empty";
  },
};

export const apiKey: Preset = {
  verify(config, request) {
    const name = config.apiKey!.header;
    const presented = header(request, name);
    if (!presented) return rejected(`missing ${name} header`);
    if (!config.secrets.some((secret) => sameToken(presented, secret))) return rejected(`${name} matches no configured key`);
    return accepted();
  },
};
