/** The frame every portal page shares: header, navigation, notices, and the page itself. */
import { html, type Html } from '../html';
import type { PortalContext } from '../session';

export type Section = 'endpoints' | 'messages' | 'event-types';

const NAV: [Section, string, string][] = [
  ['endpoints', 'Endpoints', '/portal/endpoints'],
  ['messages', 'Messages', '/portal/messages'],
  ['event-types', 'Event types', '/portal/event-types'],
];

/** A hidden field every form carries (session.ts checks it). */
export const csrfField = (context: PortalContext) => html`<input type="hidden" name="_csrf" value="${context.csrf}">`;

export const canManage = (context: PortalContext) => context.session.permissions === 'manage';

function document(title: string, body: Html): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Webhooks</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/portal/assets/portal.css">
<script src="/portal/assets/portal.js" defer></script>
</head>
<body>${body}</body>
</html>`;
}

export function page(context: PortalContext, section: Section, title: string, content: Html, notice?: string): Html {
  const { session } = context;
  const who = session.customer ? session.customer.name : 'All customers';
  return document(
    title,
    html`<header class="top">
  <div class="brand"><span class="logo" aria-hidden="true"></span><span>${session.projectName}</span><span class="muted">Webhooks</span></div>
  <nav>${NAV.map(([key, label, href]) => html`<a href="${href}" class="${key === section ? 'current' : ''}">${label}</a>`)}</nav>
  <div class="who">
    <span class="badge ${session.customer ? '' : 'operator'}">${session.customer ? who : 'Operator console'}</span>
    ${session.permissions === 'read' ? html`<span class="badge">Read only</span>` : ''}
    ${session.returnUrl ? html`<a href="${session.returnUrl}" class="quiet">Back</a>` : ''}
    <form method="post" action="/portal/logout" class="inline">${csrfField(context)}<button class="link">Sign out</button></form>
  </div>
</header>
<main>
  ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
  ${content}
</main>`,
  );
}

/** Pages shown without a session: the link opener, the login form, errors. */
export function bare(title: string, content: Html): Html {
  return document(title, html`<main class="narrow"><div class="card">${content}</div></main>`);
}

export function statusPill(status: string): Html {
  return html`<span class="pill ${status}">${status}</span>`;
}

export function when(date: Date | string | null): Html {
  if (date === null) return html`<span class="muted">—</span>`;
  const iso = new Date(date).toISOString();
  return html`<time datetime="${iso}">${iso.replace('T', ' ').slice(0, 19)} UTC</time>`;
}
