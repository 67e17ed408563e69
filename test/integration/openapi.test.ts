/**
 * The API's contract: GET /openapi.json serves the document, the typed client generated from it
 * drives a whole delivery, and /docs draws it in a browser from this server alone. (Every answer
 * any test receives is checked against the document too: test/support/check-answers.ts.)
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { apiDocument } from '../../src/api/openapi/api-document';
import { switchyardClient } from '../../src/client/client';
import { launchBrowser, screenshot } from '../support/browser';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { eventually } from '../support/receiver';

describe('the API contract', () => {
  let stack: DeliveryStack;

  before(async () => {
    stack = await startDeliveryStack();
  });
  after(() => stack?.stop());

  it('serves the document at GET /openapi.json', async () => {
    const response = await fetch(`${stack.test.api.url}/openapi.json`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    assert.deepEqual(await response.json(), JSON.parse(JSON.stringify(apiDocument())));
  });

  it('the typed client made from it creates a project, an endpoint and an event, and reads the delivery', async () => {
    const admin = switchyardClient(stack.test.api.url, stack.test.adminKey);
    const created = await admin.POST('/v1/projects', { body: { name: 'typed client' } });
    assert.equal(created.response.status, 201);
    const api = switchyardClient(stack.test.api.url, created.data!.apiKey);

    const endpoint = await api.POST('/v1/endpoints', { body: { url: `${stack.receiver.url}/typed`, eventTypes: ['order.*'] } });
    assert.equal(endpoint.response.status, 201);
    assert.match(endpoint.data!.secret, /^whsec_/);

    const event = await api.POST('/v1/events', { body: { eventType: 'order.placed', payload: { order: 7 } } });
    assert.equal(event.response.status, 202);
    const [request] = await stack.receiver.waitFor('/typed', 1);
    assert.deepEqual(JSON.parse(request!.body), { order: 7 });

    const delivery = await eventually('the delivery to succeed', async () => {
      const read = await api.GET('/v1/events/{id}', { params: { path: { id: event.data!.id } } });
      const [only] = read.data!.deliveries;
      return only?.status === 'succeeded' ? only : undefined;
    });
    assert.equal(delivery.endpointId, endpoint.data!.id);

    // An error is typed too: its code is one the document lists for the operation.
    const missing = await api.GET('/v1/endpoints/{id}', { params: { path: { id: 'ep_missing' } } });
    assert.equal(missing.response.status, 404);
    assert.equal(missing.error?.error.code, 'endpoint_not_found');
  });

  it('draws /docs in a browser from files this server serves, fetching nothing from elsewhere', async () => {
    const browser = await launchBrowser();
    try {
      const context = await browser.newContext();
      const origin = new URL(stack.test.api.url).origin;
      const elsewhere: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith(`${origin}/`) || url.startsWith('data:')) return route.continue();
        elsewhere.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      // A Content-Security-Policy refusal shows only as a console error.
      page.on('console', (message) => message.type() === 'error' && pageErrors.push(message.text()));
      const response = await page.goto(`${origin}/docs`);
      assert.equal(response?.status(), 200);
      await page.getByText('Create an endpoint').first().waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('.opblock').count(), Object.values(apiDocument().paths).flatMap(Object.keys).length, 'one block per operation');
      assert.equal(await page.getByRole('heading', { name: /Switchyard/ }).first().isVisible(), true);
      const file = await screenshot(page, 'api-docs');
      assert.ok(fs.statSync(file).size > 10_000, 'a screenshot with something in it');
      assert.deepEqual(elsewhere, [], 'requests for anywhere but this server');
      assert.deepEqual(pageErrors, []);
    } finally {
      await browser.close();
    }
  });
});
