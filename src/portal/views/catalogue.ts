/** The event-type catalogue as customers read it: what each type means, its schema and an example. */
import type { EventType } from '../../event-types/repository';
import { html, type Html } from '../html';
import type { PortalContext } from '../session';
import { page } from './layout';

export function catalogue(context: PortalContext, types: EventType[]): Html {
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return page(
    context,
    'event-types',
    'Event types',
    html`<h1>Event types</h1>
    <p class="muted">The events you can subscribe an endpoint to.</p>
    ${types.length === 0 ? html`<div class="empty">No event types are catalogued yet.</div>` : ''}
    ${types.map(
      (type) => html`<section class="card" id="${type.name}">
        <div class="heading"><h2><code>${type.name}</code></h2>${type.deprecated ? html`<span class="pill deprecated">deprecated</span>` : ''}</div>
        ${type.description ? html`<p>${type.description}</p>` : ''}
        <div class="grid">
          ${type.schema ? html`<details><summary>Schema</summary><pre class="body">${json(type.schema)}</pre></details>` : html`<p class="muted small">No schema.</p>`}
          ${type.example !== null && type.example !== undefined ? html`<details open><summary>Example</summary><pre class="body">${json(type.example)}</pre></details>` : ''}
        </div>
      </section>`,
    )}`,
  );
}
