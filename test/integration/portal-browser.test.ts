/**
 * The customer portal in a real headless Chromium, on the real stack: a customer opens the link
 * the provider made, adds an endpoint, sends it a test event that a loopback receiver gets,
 * reads the delivery's response body, rotates the secret, resends, and cannot reach another
 * customer's delivery by editing the address. Screenshots go to test/screenshots/ (git-ignored).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { launchBrowser, screenshot } from '../support/browser';
import { startDeliveryStack, type DeliveryStack } from '../support/delivery-stack';
import { eventually } from '../support/receiver';

describe('the customer portal in a browser', () => {
  let stack: DeliveryStack;
  let browser: Browser;
  before(async () => {
    stack = await startDeliveryStack();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.stop();
  });

  /** Script errors and what the CSP refused: a strict policy must not break the portal itself. */
  const watchConsole = (page: Page) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(String(error)));
    return problems;
  };

  it('takes a customer from a portal link to a delivered, resent test event, and no further than its own data', async () => {
    const api = stack.project.http;
    assert.equal(
      (await api.post('/v1/event-types', {
        name: 'invoice.paid',
        description: 'An invoice was paid in full.',
        schema: { type: 'object', required: ['invoice'], properties: { invoice: { type: 'string' }, amount: { type: 'integer' } } },
        example: { invoice: 'inv_1001', amount: 4200 },
      })).status,
      201,
    );
    const customer = (await api.post('/v1/customers', { uid: 'browser-co', name: 'Browser Co' })).body;
    const other = (await api.post('/v1/customers', { uid: 'someone-else', name: 'Someone Else' })).body;
    await stack.endpoint('/browser/existing', { customerId: customer.id, eventTypes: ['invoice.*'], description: 'Existing endpoint' });
    await stack.endpoint('/browser/other', { customerId: other.id });
    const theirs = await api.post('/v1/events', { eventType: 'invoice.paid', payload: { invoice: 'secret-of-someone-else' }, customerId: other.id });
    const theirDelivery = (await api.get(`/v1/events/${theirs.body.id}`)).body.deliveries[0].id as string;
    stack.receiver.script('/browser/new', [{ status: 200, headers: { 'content-type': 'text/html' }, body: '<h1 id="injected">thanks</h1>' }]);

    const made = await api.post(`/v1/customers/${customer.id}/portal-sessions`, { returnUrl: 'https://dashboard.example.com' });
    assert.equal(made.status, 201);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 860 } })).newPage();
    const problems = watchConsole(page);
    page.on('dialog', (dialog) => void dialog.accept());

    // The link opens the portal; the token leaves the address bar.
    await page.goto(made.body.url);
    await page.waitForURL('**/portal/endpoints');
    assert.equal(new URL(page.url()).hash, '');
    assert.ok(await page.getByText('Browser Co').isVisible());
    assert.ok(await page.getByText('/browser/existing').isVisible(), 'its endpoint is listed');
    assert.equal(await page.getByText('/browser/other').count(), 0, "another customer's is not");
    await screenshot(page, 'portal-endpoints');

    // Add an endpoint subscribed to the catalogued type.
    await page.getByRole('link', { name: 'Add endpoint' }).click();
    await page.fill('input[name=url]', `${stack.receiver.url}/browser/new`);
    await page.fill('input[name=description]', 'Billing service');
    await page.check('input[value="invoice.paid"]');
    await page.getByRole('button', { name: 'Add endpoint' }).click();
    await page.waitForURL(/\/portal\/endpoints\/ep_\w+\?done=created$/);
    const endpointId = /endpoints\/(ep_\w+)/.exec(page.url())![1]!;
    const created = (await api.get(`/v1/endpoints/${endpointId}`)).body;
    assert.deepEqual([created.customerId, created.eventTypes, created.description], [customer.id, ['invoice.paid'], 'Billing service']);

    // Reveal the secret, send the catalogue's example, and check what arrived with it.
    await page.getByRole('button', { name: 'Reveal' }).click();
    const secret = (await page.locator('#secret').textContent())!.trim();
    assert.match(secret, /^whsec_/);
    await page.getByRole('button', { name: 'Send example' }).click();
    await page.waitForURL(/\/portal\/messages\?endpointId=/);
    const [arrived] = await stack.receiver.waitFor('/browser/new', 1);
    assert.deepEqual(JSON.parse(arrived!.body), { invoice: 'inv_1001', amount: 4200 });
    new Webhook(secret).verify(arrived!.body, arrived!.headers as Record<string, string>);

    // The delivery, once succeeded, shows the endpoint's answer as text, never as markup.
    await eventually('the delivery to show as succeeded', async () => {
      await page.reload();
      return (await page.locator('.pill.succeeded').count()) > 0 ? true : undefined;
    });
    await page.locator('table.list a').first().click();
    await page.waitForURL(/\/portal\/deliveries\/dlv_\w+$/);
    const deliveryId = /deliveries\/(dlv_\w+)/.exec(page.url())![1]!;
    assert.equal((await page.locator('pre.response-body').textContent())!.trim(), '<h1 id="injected">thanks</h1>');
    assert.equal(await page.locator('#injected').count(), 0, 'the body was not rendered');
    await screenshot(page, 'portal-delivery');

    // Rotate the secret: a new one, and the next delivery carries its signature.
    await page.goto(`${stack.test.api.url}/portal/endpoints/${endpointId}`);
    await page.getByRole('button', { name: 'Rotate' }).click();
    await page.getByText('Secret rotated').waitFor();
    const rotated = (await page.locator('#secret').textContent())!.trim();
    assert.notEqual(rotated, secret);

    // Resend: a new delivery, which arrives signed with the new secret (and the old, during its grace).
    await page.goto(`${stack.test.api.url}/portal/deliveries/${deliveryId}`);
    await page.getByRole('button', { name: 'Resend' }).click();
    await page.waitForURL(/\/portal\/deliveries\/dlv_\w+\?done=resent$/);
    assert.notEqual(/deliveries\/(dlv_\w+)/.exec(page.url())![1], deliveryId);
    const [, again] = await stack.receiver.waitFor('/browser/new', 2);
    new Webhook(rotated).verify(again!.body, again!.headers as Record<string, string>);
    await page.goto(`${stack.test.api.url}/portal/endpoints/${endpointId}`);
    assert.equal(await page.locator('#secret').count(), 0, 'a page loaded by GET never holds the secret');
    await screenshot(page, 'portal-endpoint');

    // Editing the address to another customer's delivery finds nothing.
    const response = await page.goto(`${stack.test.api.url}/portal/deliveries/${theirDelivery}`);
    assert.equal(response!.status(), 404);
    assert.ok(await page.getByRole('heading', { name: 'Not found' }).isVisible());
    assert.equal(await page.getByText('secret-of-someone-else').count(), 0);

    assert.deepEqual(problems, [], 'no script error or CSP violation on any page');
  });
});
