/**
 * SMTP_URL may carry a user and password. Errors from the mail library travel into Temporal
 * history and logs, so their text is scrubbed of every form the credentials can take there first.
 */
import { REDACTED } from '../redaction';

/** Where mail goes, for messages: host and port, never the user or password. */
export function smtpServerName(smtpUrl: string): string {
  if (!URL.canParse(smtpUrl)) return 'the SMTP server';
  const url = new URL(smtpUrl);
  const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
  return `${url.hostname}:${port}`;
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Every spelling of the credentials that could surface in an error: as written in the URL, decoded,
 * and base64 as AUTH PLAIN and AUTH LOGIN send them; longest first, so that a password holding the
 * user name is removed whole.
 */
export function smtpCredentialForms(smtpUrl: string): string[] {
  if (!URL.canParse(smtpUrl)) return [smtpUrl];
  const url = new URL(smtpUrl);
  const user = decoded(url.username);
  const pass = decoded(url.password);
  const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  const forms = [smtpUrl, url.username, url.password, user, pass];
  if (user || pass) forms.push(base64(`\u0000${user}\u0000${pass}`), base64(user), base64(pass));
  return [...new Set(forms.filter((form) => form !== ''))].sort((a, b) => b.length - a.length);
}

/** `text` with each of `secrets` replaced by `[redacted]`. */
export function scrubbed(text: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => (secret ? out.split(secret).join(REDACTED) : out), text);
}
