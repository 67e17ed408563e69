/** What Switchyard reads from an inbound request besides its signature, and where it routes it. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { forwardedHeaders, inboundEventType, recordedHeaders, routableBody } from '../../src/inbound/request-facts';
import { routeTargets } from '../../src/inbound/routing';
import { eventTypeProblem } from '../../src/routing/event-types';

describe('inbound request facts', () => {
  it('names the event after the provider and its own event name', () => {
    assert.equal(inboundEventType('github', { 'x-github-event': 'pull_request' }, { action: 'opened' }), 'github.pull_request.opened');
    assert.equal(inboundEventType('stripe', {}, { type: 'invoice.paid' }), 'stripe.invoice.paid');
    assert.equal(inboundEventType('shopify', { 'x-shopify-topic': 'orders/create' }, {}), 'shopify.orders.create');
    assert.equal(inboundEventType('gitlab', { 'x-gitlab-event': 'Push Hook' }, undefined), 'gitlab.push_hook');
    assert.equal(inboundEventType('slack', {}, { type: 'event_callback', event: { type: 'app_mention' } }), 'slack.app_mention');
    assert.equal(inboundEventType('twilio', {}, { MessageSid: 'SM1' }), 'twilio.webhook');
    assert.equal(inboundEventType('hmac', {}, undefined), 'hmac.webhook');
    const odd = inboundEventType('stripe', {}, { type: 'weird type/with spaces!!' + 'x'.repeat(400) });
    assert.equal(eventTypeProblem(odd), undefined, `${odd} is a valid event type`);
  });

  it('reads JSON and form bodies for routing, and nothing from other bytes', () => {
    assert.deepEqual(routableBody(Buffer.from('{"a":1}'), 'application/json'), { a: 1 });
    assert.deepEqual(routableBody(Buffer.from('From=%2B1415&Body=hi'), 'application/x-www-form-urlencoded; charset=utf-8'), { From: '+1415', Body: 'hi' });
    assert.equal(routableBody(Buffer.from([0xff, 0x00]), 'application/octet-stream'), undefined);
  });

  it('forwards the provider headers services need, and keeps credentials off the record', () => {
    const headers = { 'x-github-event': 'push', 'x-hub-signature-256': 'sha256=abc', authorization: 'Basic eDp5', 'user-agent': 'GitHub-Hookshot' };
    assert.deepEqual(forwardedHeaders(headers), { 'x-github-event': 'push' });
    assert.deepEqual(recordedHeaders(headers), {
      'x-github-event': 'push',
      'x-hub-signature-256': '[redacted]',
      authorization: '[redacted]',
      'user-agent': 'GitHub-Hookshot',
    });
    assert.deepEqual(
      recordedHeaders({ 'X-Auth': 'shared-secret', 'x-sig': 'abc', 'x-request-id': 'r1' }, ['x-auth', 'X-Sig']),
      { 'X-Auth': '[redacted]', 'x-sig': '[redacted]', 'x-request-id': 'r1' },
      "a generic source's own credential header is redacted, whatever it is called",
    );
  });
});

describe('inbound routing', () => {
  const routes = [
    { match: { headers: { 'x-github-event': 'push' } }, endpointIds: ['ep_ci'] },
    { match: { body: { 'repository.private': true } }, endpointIds: ['ep_audit', 'ep_ci'] },
    { endpointIds: ['ep_all'] },
  ];

  it('sends a webhook to every endpoint of every matching route, once each', () => {
    assert.deepEqual(routeTargets(routes, { 'x-github-event': 'push' }, { repository: { private: true } }).sort(), ['ep_all', 'ep_audit', 'ep_ci']);
    assert.deepEqual(routeTargets(routes, { 'x-github-event': 'issues' }, { repository: { private: false } }), ['ep_all']);
  });

  it('never matches a body rule against a body it could not read', () => {
    assert.deepEqual(routeTargets([{ match: { body: { a: { $exists: false } } }, endpointIds: ['ep_x'] }], {}, undefined), []);
  });
});
