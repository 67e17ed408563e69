/** The event-type catalogue, and payloads checked against it when a project asks for it. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newProject, startTestApi, type TestApi } from '../support/api';

const invoiceSchema = {
  type: 'object',
  required: ['invoice', 'amount'],
  properties: { invoice: { type: 'string', pattern: '^inv_' }, amount: { type: 'integer', minimum: 0 }, customer: { type: 'object', properties: { email: { type: 'string', format: 'email' } } } },
};

describe('event-type catalogue', () => {
  let test: TestApi;
  before(async () => {
    test = await startTestApi();
  });
  after(() => test?.stop());

  it('creates, reads by name or id, lists, updates, archives and restores types, within the project', async () => {
    const acme = await newProject(test, 'acme');
    const other = await newProject(test, 'other');
    const created = await acme.http.post('/v1/event-types', {
      name: 'invoice.paid',
      description: 'An invoice was paid in full.',
      schema: invoiceSchema,
      example: { invoice: 'inv_1', amount: 250 },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.id, /^et_/);
    assert.deepEqual([created.body.deprecated, created.body.archived, created.body.example], [false, false, { invoice: 'inv_1', amount: 250 }]);
    for (const ref of ['invoice.paid', created.body.id]) assert.deepEqual((await acme.http.get(`/v1/event-types/${ref}`)).body.schema, invoiceSchema, ref);

    const again = await acme.http.post('/v1/event-types', { name: 'invoice.paid' });
    assert.deepEqual([again.status, again.body.error.code], [409, 'event_type_exists']);
    assert.equal((await other.http.post('/v1/event-types', { name: 'invoice.paid' })).status, 201, 'names are per project');
    const refusals: [object, string][] = [
      [{ name: 'invoice.*' }, 'name'],
      [{ name: 'x.y', schema: { type: 'nope' } }, 'schema'],
      [{ name: 'x.y', schema: { properties: { a: { type: 'string' } } }, extra: 1 }, ''],
      [{ name: 'x.y', schema: invoiceSchema, example: { invoice: 'bill_1', amount: -5 } }, 'example.invoice'],
    ];
    for (const [body, path] of refusals) {
      const refused = await acme.http.post('/v1/event-types', body);
      assert.deepEqual([refused.status, refused.body.error.code], [400, 'invalid_request'], JSON.stringify(body));
      if (path) assert.ok(refused.body.error.details.some((d: { path: string }) => d.path === path), JSON.stringify(refused.body.error.details));
    }

    const deprecated = await acme.http.patch('/v1/event-types/invoice.paid', { deprecated: true, description: 'Use invoice.settled.' });
    assert.deepEqual([deprecated.status, deprecated.body.deprecated, deprecated.body.description], [200, true, 'Use invoice.settled.']);
    const badExample = await acme.http.patch('/v1/event-types/invoice.paid', { example: { invoice: 'inv_2' } });
    assert.equal(badExample.status, 400, 'a new example is checked against the stored schema');
    const badSchema = await acme.http.patch('/v1/event-types/invoice.paid', { schema: { type: 'object', required: ['currency'] } });
    assert.equal(badSchema.status, 400, 'a new schema is checked against the stored example');
    assert.equal((await acme.http.get('/v1/event-types/invoice.paid')).body.schema.required.length, 2, 'nothing changed by refused patches');

    assert.equal((await acme.http.post('/v1/event-types/invoice.paid/archive')).body.archived, true);
    assert.deepEqual((await acme.http.get('/v1/event-types')).body.data, [], 'archived types leave the list');
    assert.equal((await acme.http.get('/v1/event-types?includeArchived=true')).body.data.length, 1);
    assert.equal((await acme.http.post('/v1/event-types', { name: 'invoice.paid' })).status, 409, 'an archived name stays taken');
    assert.equal((await acme.http.post('/v1/event-types/invoice.paid/unarchive')).body.archived, false);

    for (const call of [
      () => other.http.get(`/v1/event-types/${created.body.id}`),
      () => other.http.patch(`/v1/event-types/${created.body.id}`, { description: 'x' }),
      () => other.http.post(`/v1/event-types/${created.body.id}/archive`),
    ]) {
      const answer = await call();
      assert.deepEqual([answer.status, answer.body.error.code], [404, 'event_type_not_found']);
    }
  });

  it('refuses, when the project validates payloads, a payload its type refuses, naming the path, and records nothing', async () => {
    const acme = await newProject(test, 'validating');
    await acme.http.post('/v1/event-types', { name: 'invoice.paid', schema: invoiceSchema });
    await acme.http.post('/v1/event-types', { name: 'user.created' });
    const bad = { eventType: 'invoice.paid', payload: { invoice: 'bill_1', amount: 2.5, customer: { email: 'nope' } } };

    assert.equal((await acme.http.post('/v1/events', bad)).status, 202, 'not checked until the project asks');
    const set = await acme.http.patch('/v1/project', { validatePayloads: true });
    assert.deepEqual([set.status, set.body.validatePayloads], [200, true]);
    assert.equal((await acme.http.get('/v1/project')).body.validatePayloads, true);
    assert.equal((await acme.http.patch('/v1/project', { validatePayloads: 'yes' })).status, 400);

    const before = await test.db.query('SELECT count(*)::int AS n FROM events WHERE project_id = $1', [acme.id]);
    const refused = await acme.http.post('/v1/events', bad);
    assert.deepEqual([refused.status, refused.body.error.code], [400, 'invalid_payload']);
    assert.deepEqual(refused.body.error.details.map((d: { path: string }) => d.path).sort(), ['payload.amount', 'payload.customer.email', 'payload.invoice']);
    const batch = await acme.http.post('/v1/events/batch', { events: [{ eventType: 'invoice.paid', payload: { invoice: 'inv_1', amount: 1 } }, { eventType: 'invoice.paid', payload: { invoice: 'inv_2' } }] });
    assert.deepEqual([batch.status, batch.body.error.details], [400, [{ path: 'events.1.payload', message: "must have required property 'amount'" }]]);
    const after = await test.db.query('SELECT count(*)::int AS n FROM events WHERE project_id = $1', [acme.id]);
    assert.equal(after.rows[0].n, before.rows[0].n, 'nothing recorded for refused payloads');

    assert.equal((await acme.http.post('/v1/events', { eventType: 'invoice.paid', payload: { invoice: 'inv_3', amount: 3 } })).status, 202);
    assert.equal((await acme.http.post('/v1/events', { eventType: 'user.created', payload: 'anything' })).status, 202, 'a type without a schema is not checked');
    assert.equal((await acme.http.post('/v1/events', { eventType: 'not.catalogued', payload: [] })).status, 202, 'nor is a type outside the catalogue');

    // A changed schema applies to the next event; an archived type is no longer checked.
    await acme.http.patch('/v1/event-types/invoice.paid', { schema: { type: 'object', required: ['currency'] } });
    assert.equal((await acme.http.post('/v1/events', { eventType: 'invoice.paid', payload: { invoice: 'inv_4', amount: 4 } })).status, 400);
    await acme.http.post('/v1/event-types/invoice.paid/archive');
    assert.equal((await acme.http.post('/v1/events', bad)).status, 202);
  });
});
