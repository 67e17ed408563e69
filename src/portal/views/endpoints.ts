/** The endpoints pages: the list, the form that makes or edits one, and one endpoint's page. */
import type { AttemptBucket } from '../../deliveries/repository';
import type { EndpointHealth } from '../../endpoint-health/health-view';
import type { Endpoint, PublicEndpoint } from '../../endpoints/repository';
import type { EventType } from '../../event-types/repository';
import { html, type Html } from '../html';
import type { PortalContext } from '../session';
import { canManage, csrfField, page, statusPill, when } from './layout';

export interface FormProblem {
  path: string;
  message: string;
}

export function endpointList(context: PortalContext, endpoints: Endpoint[], notice?: string): Html {
  const rows = endpoints.map(
    (endpoint) => html`<tr>
      <td><a href="/portal/endpoints/${endpoint.id}" class="strong">${endpoint.url}</a><div class="muted small">${endpoint.description}</div></td>
      <td>${endpoint.eventTypes.map((type) => html`<code class="tag">${type}</code>`)}</td>
      <td>${context.session.customer ? '' : html`<span class="muted small">${endpoint.customerId ?? 'provider'}</span>`}</td>
      <td>${statusPill(endpoint.status)}</td>
    </tr>`,
  );
  return page(
    context,
    'endpoints',
    'Endpoints',
    html`<div class="heading"><h1>Endpoints</h1>${canManage(context) && context.session.customer ? html`<a class="button" href="/portal/endpoints/new">Add endpoint</a>` : ''}</div>
    <p class="muted">Where webhooks are sent. Each endpoint receives the event types it subscribes to, signed with its own secret.</p>
    ${
      endpoints.length === 0
        ? html`<div class="empty">No endpoints yet.${canManage(context) && context.session.customer ? html` <a href="/portal/endpoints/new">Add the first one</a>.` : ''}</div>`
        : html`<table class="list"><thead><tr><th>URL</th><th>Event types</th><th></th><th>Status</th></tr></thead><tbody>${rows}</tbody></table>`
    }`,
    notice,
  );
}

export interface EndpointFormValues {
  url: string;
  description: string;
  eventTypes: string[];
}

function problemFor(problems: FormProblem[], path: string): Html {
  const problem = problems.find((p) => p.path === path || p.path.startsWith(`${path}.`));
  return problem ? html`<p class="field-error">${problem.message}</p>` : html``;
}

/** The event-type choice: the catalogue's types as boxes, and patterns typed in. */
function eventTypeFields(catalogue: EventType[], chosen: string[]): Html {
  const names = new Set(catalogue.map((type) => type.name));
  const patterns = chosen.filter((type) => !names.has(type));
  return html`<fieldset><legend>Event types</legend>
    ${catalogue.length > 0 ? html`<div class="choices">${catalogue.map(
      (type) => html`<label class="choice"><input type="checkbox" name="eventTypes" value="${type.name}" ${chosen.includes(type.name) ? html`checked` : ''}> <code>${type.name}</code></label>`,
    )}</div>` : ''}
    <label>Other types or patterns <span class="muted small">comma-separated, e.g. <code>invoice.*</code>; <code>*</code> for every type</span>
      <input name="patterns" value="${patterns.join(', ')}" placeholder="invoice.*"></label>
  </fieldset>`;
}

export function endpointForm(context: PortalContext, catalogue: EventType[], values: EndpointFormValues, problems: FormProblem[], editing?: Endpoint): Html {
  const action = editing ? `/portal/endpoints/${editing.id}` : '/portal/endpoints';
  return page(
    context,
    'endpoints',
    editing ? 'Edit endpoint' : 'Add endpoint',
    html`<h1>${editing ? 'Edit endpoint' : 'Add endpoint'}</h1>
    ${problems.length > 0 ? html`<p class="error" role="alert">The endpoint was not saved: see below.</p>` : ''}
    <form method="post" action="${action}" class="card form">${csrfField(context)}
      <label>URL <input name="url" type="url" required value="${values.url}" placeholder="https://example.com/webhooks"></label>${problemFor(problems, 'url')}
      <label>Description <input name="description" value="${values.description}" maxlength="500"></label>${problemFor(problems, 'description')}
      ${eventTypeFields(catalogue, values.eventTypes)}${problemFor(problems, 'eventTypes')}
      <div class="actions"><button class="button">${editing ? 'Save' : 'Add endpoint'}</button><a href="${editing ? `/portal/endpoints/${editing.id}` : '/portal/endpoints'}" class="quiet">Cancel</a></div>
    </form>`,
  );
}

/** Successes and failures per hour as bars, drawn server-side: no script, nothing from elsewhere. */
export function healthChart(buckets: AttemptBucket[], hours: number, now = Date.now()): Html {
  const width = 720;
  const height = 120;
  const slot = width / hours;
  const firstHour = Math.floor(now / 3_600_000) - hours + 1;
  const shown = buckets.filter((bucket) => bucket.start.getTime() >= firstHour * 3_600_000);
  const byHour = new Map(shown.map((bucket) => [Math.floor(bucket.start.getTime() / 3_600_000), bucket]));
  const peak = Math.max(1, ...shown.map((bucket) => bucket.succeeded + bucket.failed));
  const bars = Array.from({ length: hours }, (_, i) => {
    const bucket = byHour.get(firstHour + i);
    if (!bucket) return html``;
    const ok = (bucket.succeeded / peak) * (height - 10);
    const bad = (bucket.failed / peak) * (height - 10);
    const x = (i * slot + 1).toFixed(1);
    const w = Math.max(1, slot - 2).toFixed(1);
    const label = `${new Date((firstHour + i) * 3_600_000).toISOString().slice(11, 16)} UTC: ${bucket.succeeded} succeeded, ${bucket.failed} failed`;
    return html`<g><title>${label}</title>
      <rect class="ok" x="${x}" y="${(height - ok).toFixed(1)}" width="${w}" height="${ok.toFixed(1)}"></rect>
      <rect class="bad" x="${x}" y="${(height - ok - bad).toFixed(1)}" width="${w}" height="${bad.toFixed(1)}"></rect></g>`;
  });
  const total = shown.reduce((sum, b) => ({ ok: sum.ok + b.succeeded, bad: sum.bad + b.failed }), { ok: 0, bad: 0 });
  return html`<figure class="chart">
    <svg viewBox="0 0 ${width} ${height}" role="img" aria-label="Attempts per hour over the last ${hours} hours: ${total.ok} succeeded, ${total.bad} failed">${bars}<line x1="0" y1="${height}" x2="${width}" y2="${height}" class="axis"></line></svg>
    <figcaption><span class="key ok"></span>${total.ok} succeeded <span class="key bad"></span>${total.bad} failed <span class="muted">· attempts per hour, last ${hours} h</span></figcaption>
  </figure>`;
}

export interface EndpointPage {
  endpoint: PublicEndpoint;
  health: EndpointHealth | null;
  buckets: AttemptBucket[];
  hours: number;
  catalogue: EventType[];
  /** Shown once, after "Reveal" or a rotation. */
  secret?: string;
  /** "Recover failed since": the time asked for and how many events it would resend, before confirming. */
  recover?: { since: Date; count: number };
  notice?: string;
}

function healthPanel(health: EndpointHealth | null): Html {
  if (!health) return html`<p class="muted">Health is unavailable right now.</p>`;
  const rate = health.rate.perSecond === null ? 'No limit' : `${health.rate.effectivePerSecond ?? health.rate.perSecond}/s of ${health.rate.perSecond}/s`;
  return html`<dl class="facts">
    <div><dt>Circuit</dt><dd>${statusPill(health.circuit.state)}</dd></div>
    <div><dt>Rate</dt><dd>${rate}</dd></div>
    <div><dt>Recent attempts</dt><dd>${health.recent.attempts} (${health.recent.failures} failed)</dd></div>
    <div><dt>Last success</dt><dd>${when(health.recent.lastSuccessAt)}</dd></div>
    <div><dt>Failing since</dt><dd>${when(health.recent.failingSince)}</dd></div>
  </dl>`;
}

export function endpointDetail(context: PortalContext, view: EndpointPage): Html {
  const { endpoint } = view;
  const manage = canManage(context) && endpoint.status !== 'disabled';
  const post = (path: string, label: string, kind = 'button secondary') =>
    html`<form method="post" action="/portal/endpoints/${endpoint.id}/${path}" class="inline">${csrfField(context)}<button class="${kind}">${label}</button></form>`;
  const examples = view.catalogue.filter((type) => type.example !== null && type.example !== undefined);
  const lastDay = new Date(Date.now() - 86_400_000).toISOString().slice(0, 16);
  return page(
    context,
    'endpoints',
    endpoint.url,
    html`<p class="crumbs"><a href="/portal/endpoints">Endpoints</a> /</p>
    <div class="heading"><h1 class="url">${endpoint.url}</h1>${statusPill(endpoint.status)}</div>
    ${endpoint.statusReason ? html`<p class="muted">${endpoint.statusReason}</p>` : ''}
    ${endpoint.description ? html`<p>${endpoint.description}</p>` : ''}
    ${
      canManage(context)
        ? html`<div class="toolbar">
      <a class="button secondary" href="/portal/endpoints/${endpoint.id}/edit">Edit</a>
      ${endpoint.status === 'paused' ? post('resume', 'Resume') : endpoint.status === 'active' ? post('pause', 'Pause') : ''}
      <a class="button secondary" href="/portal/messages?endpointId=${endpoint.id}">Messages</a>
      ${post('delete', 'Delete', 'button danger confirm')}
    </div>`
        : html`<div class="toolbar"><a class="button secondary" href="/portal/messages?endpointId=${endpoint.id}">Messages</a></div>`
    }
    <section class="grid">
      <div class="card"><h2>Health</h2>${healthPanel(view.health)}${healthChart(view.buckets, view.hours)}</div>
      <div class="card"><h2>Subscribed to</h2><p>${endpoint.eventTypes.map((type) => html`<code class="tag">${type}</code>`)}</p>
        <h2>Signing secret</h2>
        ${
          view.secret
            ? html`<p><code class="secret" id="secret">${view.secret}</code></p><p class="muted small">Verify each webhook's signature with it (Standard Webhooks). It is not shown again on this page.</p>`
            : html`<p class="muted">whsec_••••••••••••••••</p>`
        }
        ${canManage(context) ? html`<div class="toolbar">${post('secret', 'Reveal')}${post('rotate-secret', 'Rotate', 'button secondary confirm')}</div>` : ''}
        ${
          endpoint.signatureScheme !== 'v1' && endpoint.publicKey
            ? html`<h2>Public key (v1a)</h2>
        <p><code class="secret">${endpoint.publicKey}</code></p>
        <p class="muted small">Webhooks also carry an ed25519 signature (v1a), which this public key verifies: nothing secret needs to be kept on your side.</p>`
            : ''
        }
      </div>
    </section>
    ${
      manage
        ? html`<section class="grid">
      <div class="card"><h2>Send a test event</h2>
        ${
          examples.length === 0
            ? html`<p class="muted">No event type in the catalogue has an example yet.</p>`
            : html`<form method="post" action="/portal/endpoints/${endpoint.id}/test" class="form">${csrfField(context)}
          <label>Event type <select name="eventType">${examples.map((type) => html`<option value="${type.name}">${type.name}</option>`)}</select></label>
          <div class="actions"><button class="button">Send example</button></div></form>`
        }
      </div>
      <div class="card"><h2>Recover failed messages</h2>
        ${
          view.recover
            ? html`<p>${view.recover.count === 0 ? 'No failed message' : view.recover.count === 1 ? '1 failed message' : `${view.recover.count} failed messages`} since ${when(view.recover.since)}.</p>
          ${view.recover.count > 0 ? html`<form method="post" action="/portal/endpoints/${endpoint.id}/recover" class="form">${csrfField(context)}
            <input type="hidden" name="since" value="${view.recover.since.toISOString()}"><input type="hidden" name="confirm" value="yes">
            <div class="actions"><button class="button">Resend ${view.recover.count}</button><a class="quiet" href="/portal/endpoints/${endpoint.id}">Cancel</a></div></form>` : ''}`
            : html`<form method="get" action="/portal/endpoints/${endpoint.id}" class="form">
          <label>Failed since (UTC) <input type="datetime-local" name="recoverSince" value="${lastDay}" required></label>
          <div class="actions"><button class="button secondary">Count</button></div></form>`
        }
      </div>
    </section>`
        : ''
    }`,
    view.notice,
  );
}
