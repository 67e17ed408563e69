/** Pages seen without a session: the portal link's opener, the operator's login, and refusals. */
import { html, type Html } from '../html';
import { bare } from './layout';

/** portal.js reads the link's token from the fragment and trades it for the session cookie. */
export function openerPage(): Html {
  return bare(
    'Opening',
    html`<div id="opener" data-exchange="/portal/session" data-next="/portal/endpoints">
      <h1>Opening your webhooks portal…</h1>
      <p class="muted" id="opener-status">One moment.</p>
      <noscript><p class="error">This page needs JavaScript to open the portal link.</p></noscript>
    </div>`,
  );
}

export function loginPage(problem?: string): Html {
  return bare(
    'Sign in',
    html`<h1>Operator console</h1>
    <p class="muted">Sign in with one of the project's API keys. A read key opens a read-only console.</p>
    ${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
    <form method="post" action="/portal/login" class="form">
      <label>API key <input name="apiKey" type="password" autocomplete="off" required placeholder="sk_…"></label>
      <div class="actions"><button class="button">Sign in</button></div>
    </form>`,
  );
}

export function refusalPage(title: string, message: string, link?: { href: string; label: string }): Html {
  return bare(title, html`<h1>${title}</h1><p>${message}</p>${link ? html`<p><a href="${link.href}">${link.label}</a></p>` : ''}`);
}
