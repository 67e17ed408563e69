/**
 * A portal visitor without a browser: opens a portal link as the portal page's script does
 * (the fragment's token posted to /portal/session), keeps the cookie, and fills in forms with
 * the CSRF token of the page they came from.
 */
export interface PortalPage {
  status: number;
  headers: Headers;
  text: string;
  /** Where a redirect pointed. */
  location: string | null;
}

export interface PortalVisitor {
  cookie: string;
  get(path: string): Promise<PortalPage>;
  /** Posts a form; `_csrf` is taken from the last page fetched unless the fields set it. */
  post(path: string, fields?: Record<string, string | string[]>): Promise<PortalPage>;
}

export const csrfOf = (text: string): string | undefined => /name="_csrf" value="([^"]+)"/.exec(text)?.[1];

export function visitor(baseUrl: string, cookie: string): PortalVisitor {
  let lastCsrf: string | undefined;
  const fetchPage = async (path: string, init: RequestInit = {}): Promise<PortalPage> => {
    const response = await fetch(`${baseUrl}${path}`, { ...init, redirect: 'manual', headers: { cookie: `switchyard_portal=${cookie}`, ...(init.headers as object) } });
    const text = await response.text();
    lastCsrf = csrfOf(text) ?? lastCsrf;
    return { status: response.status, headers: response.headers, text, location: response.headers.get('location') };
  };
  return {
    cookie,
    get: (path) => fetchPage(path),
    post(path, fields = {}) {
      const form = new URLSearchParams();
      if (lastCsrf && !('_csrf' in fields)) form.append('_csrf', lastCsrf);
      for (const [name, value] of Object.entries(fields)) for (const one of ([] as string[]).concat(value)) form.append(name, one);
      return fetchPage(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl }, body: form.toString() });
    },
  };
}

/** Trades a portal link's token for a session: the cookie, or the refusal. */
export async function openLink(link: string, headers: Record<string, string> = {}): Promise<{ status: number; cookie?: string; setCookie: string | null; body: any }> {
  const url = new URL(link);
  const response = await fetch(`${url.origin}/portal/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url.origin, ...headers },
    body: JSON.stringify({ token: decodeURIComponent(url.hash.slice(1)) }),
  });
  const setCookie = response.headers.get('set-cookie');
  const text = await response.text();
  return { status: response.status, cookie: /switchyard_portal=([^;]+)/.exec(setCookie ?? '')?.[1], setCookie, body: text ? JSON.parse(text) : undefined };
}
