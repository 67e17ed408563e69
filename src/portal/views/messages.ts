/** The message log (deliveries, newest first, with filters) and one delivery's attempts. */
import type { AttemptView, DeliveryStatus, DeliveryView } from '../../deliveries/repository';
import type { Endpoint } from '../../endpoints/repository';
import type { EventView } from '../../events/repository';
import { html, query, type Html } from '../html';
import type { PortalContext } from '../session';
import { canManage, csrfField, page, statusPill, when } from './layout';

export const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'retrying', 'held', 'succeeded', 'failed', 'cancelled'];

/** The filters as the form sends them: text, kept as typed so the form shows them back. */
export interface MessageFilters {
  eventType?: string;
  status?: string;
  endpointId?: string;
  since?: string;
  until?: string;
  customerId?: string;
  q?: string;
}

export function messageLog(
  context: PortalContext,
  filters: MessageFilters,
  deliveries: DeliveryView[],
  nextCursor: string | null,
  endpoints: Endpoint[],
  eventTypes: string[],
  problem?: string,
): Html {
  const operator = context.session.customer === null;
  const option = (value: string, label: string, current?: string) => html`<option value="${value}" ${value === (current ?? '') ? html`selected` : ''}>${label}</option>`;
  const urlOf = new Map(endpoints.map((endpoint) => [endpoint.id, endpoint.url]));
  const rows = deliveries.map(
    (delivery) => html`<tr>
      <td><a href="/portal/deliveries/${delivery.id}" class="strong"><code>${delivery.eventType}</code></a><div class="muted small">${delivery.eventId}</div></td>
      <td class="truncate">${urlOf.get(delivery.endpointId) ?? delivery.endpointId}</td>
      <td>${statusPill(delivery.status)}</td>
      <td class="num">${delivery.attemptCount}</td>
      <td>${when(delivery.createdAt)}</td>
    </tr>`,
  );
  return page(
    context,
    'messages',
    'Messages',
    html`<h1>Messages</h1>
    <form method="get" action="/portal/messages" class="filters">
      <label>Event type <select name="eventType">${option('', 'Any')}${eventTypes.map((type) => option(type, type, filters.eventType))}</select></label>
      <label>Status <select name="status">${option('', 'Any')}${DELIVERY_STATUSES.map((status) => option(status, status, filters.status))}</select></label>
      <label>Endpoint <select name="endpointId">${option('', 'Any')}${endpoints.map((endpoint) => option(endpoint.id, endpoint.url, filters.endpointId))}</select></label>
      <label>From (UTC) <input type="datetime-local" name="since" value="${filters.since}"></label>
      <label>To (UTC) <input type="datetime-local" name="until" value="${filters.until}"></label>
      ${operator ? html`<label>Customer <input name="customerId" value="${filters.customerId}" placeholder="id or uid"></label>
      <label>Payload contains <input name="q" value="${filters.q}" placeholder="text in the payload"></label>` : ''}
      <button class="button secondary">Filter</button>
    </form>
    ${problem ? html`<p class="error" role="alert">${problem}</p>` : ''}
    ${
      deliveries.length === 0
        ? html`<div class="empty">No messages match.</div>`
        : html`<table class="list"><thead><tr><th>Event</th><th>Endpoint</th><th>Status</th><th class="num">Attempts</th><th>Created</th></tr></thead><tbody>${rows}</tbody></table>`
    }
    ${nextCursor ? html`<p class="pager"><a class="button secondary" href="/portal/messages${query({ ...filters, cursor: nextCursor })}">Older</a></p>` : ''}`,
  );
}

function headerTable(headers: Record<string, string> | null): Html {
  if (!headers || Object.keys(headers).length === 0) return html`<p class="muted small">None recorded.</p>`;
  return html`<table class="headers">${Object.entries(headers).map(([name, value]) => html`<tr><th>${name}</th><td>${value}</td></tr>`)}</table>`;
}

/** Failed attempts and the latest one start unfolded: they are what a reader came for. */
function attemptCard(attempt: AttemptView, latest: boolean): Html {
  // A status with an error class is an answer that broke off: it did not count.
  const ok = attempt.errorClass === null && attempt.statusCode !== null && attempt.statusCode >= 200 && attempt.statusCode < 300;
  const label = attempt.statusCode !== null && attempt.errorClass !== null ? `${attempt.statusCode}, ${attempt.errorClass}` : (attempt.statusCode ?? attempt.errorClass ?? 'error');
  return html`<details class="card attempt" ${ok && !latest ? '' : html`open`}>
    <summary><span class="pill ${ok ? 'succeeded' : 'failed'}">${label}</span>
      Attempt ${attempt.n} <span class="muted">· ${when(attempt.startedAt)} · ${attempt.durationMs} ms</span></summary>
    ${attempt.error ? html`<p class="error">${attempt.error}</p>` : ''}
    <div class="grid">
      <div><h3>Request headers</h3>${headerTable(attempt.requestHeaders)}</div>
      <div><h3>Response headers</h3>${headerTable(attempt.responseHeaders)}</div>
    </div>
    <h3>Response body</h3>
    ${attempt.responseBody === null || attempt.responseBody === '' ? html`<p class="muted small">Empty.</p>` : html`<pre class="body response-body">${attempt.responseBody}</pre>`}
  </details>`;
}

export function deliveryDetail(context: PortalContext, delivery: DeliveryView, event: EventView, endpoint: Endpoint | undefined, attempts: AttemptView[], notice?: string): Html {
  const payload = typeof event.payload === 'string' ? event.payload : JSON.stringify(event.payload, null, 2);
  return page(
    context,
    'messages',
    `Delivery ${delivery.id}`,
    html`<p class="crumbs"><a href="/portal/messages">Messages</a> /</p>
    <div class="heading"><h1><code>${delivery.eventType}</code></h1>${statusPill(delivery.status)}</div>
    <dl class="facts">
      <div><dt>Endpoint</dt><dd>${endpoint ? html`<a href="/portal/endpoints/${endpoint.id}">${endpoint.url}</a>` : delivery.endpointId}</dd></div>
      <div><dt>Event</dt><dd><code>${delivery.eventId}</code></dd></div>
      <div><dt>Delivery</dt><dd><code>${delivery.id}</code></dd></div>
      <div><dt>Created</dt><dd>${when(delivery.createdAt)}</dd></div>
      ${delivery.nextAttemptAt ? html`<div><dt>Next attempt</dt><dd>${when(delivery.nextAttemptAt)}</dd></div>` : ''}
      ${delivery.statusReason ? html`<div><dt>Reason</dt><dd>${delivery.statusReason}</dd></div>` : ''}
    </dl>
    ${
      canManage(context)
        ? html`<form method="post" action="/portal/deliveries/${delivery.id}/resend" class="toolbar">${csrfField(context)}<button class="button">Resend</button></form>`
        : ''
    }
    <h2>Payload</h2><pre class="body">${payload}</pre>
    <h2>Attempts</h2>
    ${attempts.length === 0 ? html`<div class="empty">No attempt yet.</div>` : attempts.map((attempt, i) => attemptCard(attempt, i === attempts.length - 1))}`,
    notice,
  );
}
