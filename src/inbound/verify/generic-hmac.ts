/**
 * A generic HMAC for providers without a preset: the signature (hex or base64, after an optional
 * prefix such as `sha256=`) of the body, or of `${timestamp}.${body}` when a timestamp header is
 * named, keyed with the secret as text. Several signatures may be sent separated by commas or
 * spaces, which neither encoding contains.
 */
import { HEADER_NAME } from '../../http';
import { DEFAULT_TOLERANCE_SECONDS, accepted, anySignatureMatches, decodeSignature, header, hmac, rejected, timestampProblem } from './signature-checks';
import type { HmacOptions, Preset } from './types';

export function hmacOptionProblems(options: HmacOptions | undefined): string[] {
  if (!options || typeof options !== 'object') return ["provider 'hmac' needs hmac options (algorithm, encoding, header)"];
  const problems: string[] = [];
  if (options.algorithm !== 'sha256' && options.algorithm !== 'sha512') problems.push("hmac.algorithm must be 'sha256' or 'sha512'");
  if (options.encoding !== 'hex' && options.encoding !== 'base64') problems.push("hmac.encoding must be 'hex' or 'base64'");
  problems.push(...headerNameProblems('hmac.header', options.header));
  if (options.timestampHeader !== undefined) problems.push(...headerNameProblems('hmac.timestampHeader', options.timestampHeader));
  // Signatures are split on commas and spaces, so a prefix holding one could never match.
  if (options.prefix !== undefined && (typeof options.prefix !== 'string' || /[\s,]/.test(options.prefix))) problems.push('hmac.prefix must be text without spaces or commas');
  return problems;
}

export function headerNameProblems(field: string, name: unknown): string[] {
  if (typeof name !== 'string' || name === '') return [`${field} must name a header`];
  return HEADER_NAME.test(name) ? [] : [`${field} is not a valid header name`];
}

export const genericHmac: Preset = {
  verify(config, request, nowMs) {
    const options = config.hmac!;
    const value = header(request, options.header);
    if (!value) return rejected(`missing ${options.header} header`);
    const prefix = options.prefix ?? '';
    let signedBefore = '';
    if (options.timestampHeader) {
      const timestamp = header(request, options.timestampHeader);
      const stale = timestampProblem(options.timestampHeader, timestamp, nowMs, config.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS);
      if (stale) return rejected(stale);
      signedBefore = `${timestamp}.`;
    }
    const entries = value.split(/[\s,]+/).filter((entry) => entry !== '');
    if (prefix && !entries.some((entry) => entry.startsWith(prefix))) return rejected(`${options.header} does not start with '${prefix}'`);
    const candidates = entries
      .filter((entry) => entry.startsWith(prefix))
      .flatMap((entry) => decodeSignature(entry.slice(prefix.length), options.encoding) ?? []);
    const matches = anySignatureMatches(config.secrets, candidates, (secret) => hmac(options.algorithm, secret, signedBefore, request.body));
    if (!matches) return rejected(`${options.header} matches no configured secret`);
    return accepted();
  },
};
