/**
 * Twilio: `X-Twilio-Signature: <base64>`, HMAC-SHA1 keyed with the account's Auth Token over
 *  - a form POST: the full URL, then every parameter's name and value, sorted by name (a repeated
 *    name contributes each distinct value, sorted);
 *  - any other body: the full URL alone, which then carries `bodySHA256=<hex sha256 of the body>`,
 *    and the body must hash to it.
 * Twilio may sign the URL with or without the scheme's default port (its own validators try both),
 * so both are tried.
 */
import crypto from 'node:crypto';
import { accepted, anySignatureMatches, decodeSignature, header, hmac, rejected, sameBytes } from './signature-checks';
import type { InboundRequest, Preset, Verification } from './types';

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

/** The URL as given, and the same with its port written out or left off. */
function urlSpellings(url: string): string[] {
  const match = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]*)(.*)$/is.exec(url);
  if (!match) return [url];
  const [, scheme, authority, rest] = match as unknown as [string, string, string, string];
  const portAt = authority.lastIndexOf(':');
  const hasPort = portAt > authority.lastIndexOf(']') && /^\d+$/.test(authority.slice(portAt + 1));
  if (hasPort) return [url, `${scheme}//${authority.slice(0, portAt)}${rest}`];
  const port = DEFAULT_PORTS[scheme.toLowerCase()];
  return port ? [url, `${scheme}//${authority}:${port}${rest}`] : [url];
}

/** The form parameters as Twilio concatenates them: names sorted, each name's distinct values sorted. */
function formParameterText(body: Buffer): string {
  const byName = new Map<string, Set<string>>();
  for (const [name, value] of new URLSearchParams(body.toString('utf8'))) {
    byName.set(name, (byName.get(name) ?? new Set()).add(value));
  }
  return [...byName.keys()]
    .sort()
    .map((name) => [...byName.get(name)!].sort().map((value) => name + value).join(''))
    .join('');
}

function isForm(request: InboundRequest): boolean {
  const type = (header(request, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/x-www-form-urlencoded';
}

/** The `bodySHA256` query parameter of the URL, if there is one. */
function bodyHashParameter(url: string): string | undefined {
  const query = url.split('#')[0]!.split('?').slice(1).join('?');
  return new URLSearchParams(query).get('bodySHA256') ?? undefined;
}

export const twilio: Preset = {
  verify(config, request): Verification {
    const value = header(request, 'x-twilio-signature');
    if (!value) return rejected('missing X-Twilio-Signature header');
    const expectedBodyHash = bodyHashParameter(request.url);
    let signedAfterUrl: string;
    if (expectedBodyHash !== undefined) {
      const bodyHash = crypto.createHash('sha256').update(request.body).digest();
      const claimed = decodeSignature(expectedBodyHash, 'hex');
      if (!claimed || !sameBytes(claimed, bodyHash)) return rejected('the body does not hash to the bodySHA256 in the URL');
      signedAfterUrl = '';
    } else if (isForm(request)) {
      signedAfterUrl = formParameterText(request.body);
    } else {
      // Only the URL would be signed, so such a body could be anything.
      return rejected('a Twilio request that is not a form must carry bodySHA256 in its URL');
    }
    const candidate = decodeSignature(value, 'base64');
    const urls = urlSpellings(request.url);
    const matches = urls.some((url) => anySignatureMatches(config.secrets, candidate ? [candidate] : [], (secret) => hmac('sha1', secret, url, signedAfterUrl)));
    if (!matches) return rejected('X-Twilio-Signature matches no configured Auth Token (check that the source URL is exactly the one configured at Twilio)');
    return accepted(header(request, 'i-twilio-idempotency-token') ?? formSid(request));
  },
};

/**
 * Without Twilio's idempotency token: the message or call, plus its status when it has one.
 * Status callbacks reuse one MessageSid for queued, sent and delivered, and each must get through.
 */
function formSid(request: InboundRequest): string | undefined {
  if (!isForm(request)) return undefined;
  const params = new URLSearchParams(request.body.toString('utf8'));
  const sid = params.get('MessageSid') || params.get('CallSid');
  if (!sid) return undefined;
  const status = params.get('MessageStatus') || params.get('SmsStatus') || params.get('CallStatus');
  return status ? `${sid}:${status}` : sid;
}
