/** Customers: their own endpoints, events for them, filters by them, and fan-out through indexes. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { matchesAnyEventType } from '../../src/routing/event-types';
import { newProject, startTestApi, type TestApi } from '../support/api';

describe('customers', () => {
  let test: TestApi;
  const projects: string[] = [];
  before(async () => {
    test = await startTestApi();
  });
  after(async () => {
    // Also when a test failed before settling its own.
    for (const projectId of projects) await settle(projectId);
    await test?.stop();
  });

  /**
   * No worker runs these deliveries, and a started delivery not yet begun counts against the one
   * start window of the database that the other test files share for minutes: once checked, they
   * are cancelled, so that a test of the window elsewhere does not wait on them.
   */
  const settle = (projectId: string) =>
    test.db.query(`UPDATE deliveries SET status = 'cancelled', status_reason = 'test finished' WHERE project_id = $1 AND status = 'pending'`, [projectId]);

  it('are created, read by id or uid, listed, updated and deleted, within their project', async () => {
    const acme = await newProject(test, 'acme');
    const other = await newProject(test, 'other');
    const created = await acme.http.post('/v1/customers', { uid: 'org-42', name: 'Globex', metadata: { plan: 'pro' } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.match(created.body.id, /^cus_/);
    assert.deepEqual([created.body.uid, created.body.name, created.body.metadata], ['org-42', 'Globex', { plan: 'pro' }]);

    for (const ref of [created.body.id, 'org-42']) assert.equal((await acme.http.get(`/v1/customers/${ref}`)).body.id, created.body.id, ref);
    const taken = await acme.http.post('/v1/customers', { uid: 'org-42', name: 'Again' });
    assert.deepEqual([taken.status, taken.body.error.code], [409, 'customer_uid_taken']);
    assert.equal((await other.http.post('/v1/customers', { uid: 'org-42', name: 'Theirs' })).status, 201, 'a uid is unique per project');
    for (const body of [{ uid: 'cus_lookalike', name: 'x' }, { name: '' }, { name: 'x', metadata: { a: 1 } }, { name: 'x', extra: true }]) {
      const refused = await acme.http.post('/v1/customers', body);
      assert.deepEqual([refused.status, refused.body.error.code], [400, 'invalid_request'], JSON.stringify(body));
    }

    const patched = await acme.http.patch('/v1/customers/org-42', { name: 'Globex Inc', uid: 'org-43' });
    assert.deepEqual([patched.status, patched.body.name, patched.body.uid], [200, 'Globex Inc', 'org-43']);
    assert.equal((await acme.http.get('/v1/customers/org-42')).status, 404, 'the old uid names nobody');
    const listed = await acme.http.get('/v1/customers');
    assert.deepEqual(listed.body.data.map((c: { id: string }) => c.id), [created.body.id]);

    for (const call of [() => other.http.get(`/v1/customers/${created.body.id}`), () => other.http.patch(`/v1/customers/${created.body.id}`, { name: 'x' }), () => other.http.delete(`/v1/customers/${created.body.id}`)]) {
      const answer = await call();
      assert.deepEqual([answer.status, answer.body.error.code], [404, 'customer_not_found'], "another project's customer does not exist for it");
    }

    assert.equal((await acme.http.delete('/v1/customers/org-43')).status, 204);
    assert.equal((await acme.http.get(`/v1/customers/${created.body.id}`)).status, 404);
    assert.equal((await acme.http.post('/v1/customers', { uid: 'org-43', name: 'New' })).status, 201, "a deleted customer's uid is free again");
  });

  it("get events only for their own endpoints; events without a customer go to the provider's own", async () => {
    const acme = await newProject(test, 'acme');
    projects.push(acme.id);
    const a = (await acme.http.post('/v1/customers', { uid: 'a', name: 'A' })).body;
    const b = (await acme.http.post('/v1/customers', { uid: 'b', name: 'B' })).body;
    const endpoint = async (body: object) => {
      const created = await acme.http.post('/v1/endpoints', { url: 'https://hooks.example.com/in', ...body });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      return created.body as { id: string; customerId: string | null };
    };
    const ofA = await endpoint({ customerId: 'a', eventTypes: ['invoice.*'] });
    const ofB = await endpoint({ customerId: b.id, eventTypes: ['invoice.paid'] });
    const own = await endpoint({ eventTypes: ['*'] });
    assert.deepEqual([ofA.customerId, ofB.customerId, own.customerId], [a.id, b.id, null], 'a uid is taken for the id');

    const unknownCustomer = await acme.http.post('/v1/endpoints', { url: 'https://hooks.example.com/in', customerId: 'nobody' });
    assert.deepEqual([unknownCustomer.status, unknownCustomer.body.error.code], [404, 'customer_not_found']);
    const moved = await acme.http.patch(`/v1/endpoints/${ofA.id}`, { customerId: b.id });
    assert.equal(moved.status, 400, 'an endpoint stays with the customer it was made for');

    const send = async (body: object) => {
      const accepted = await acme.http.post('/v1/events', { eventType: 'invoice.paid', payload: { n: 1 }, ...body });
      return accepted;
    };
    const targets = async (body: object) => {
      const accepted = await send(body);
      assert.equal(accepted.status, 202, JSON.stringify(accepted.body));
      return accepted.body.deliveries.map((d: { endpointId: string }) => d.endpointId);
    };
    assert.deepEqual(await targets({ customerId: 'a' }), [ofA.id]);
    assert.deepEqual(await targets({ customerId: 'b' }), [ofB.id]);
    assert.deepEqual(await targets({}), [own.id]);
    assert.deepEqual(await targets({ customerId: a.id, eventType: 'invoice.voided' }), [ofA.id]);
    assert.deepEqual(await targets({ customerId: 'b', eventType: 'invoice.voided' }), []);

    const before = await test.db.query('SELECT count(*)::int AS n FROM events WHERE project_id = $1', [acme.id]);
    const nobody = await send({ customerId: 'nobody' });
    assert.deepEqual([nobody.status, nobody.body.error.code, nobody.body.error.details], [404, 'customer_not_found', { customerIds: ['nobody'] }]);
    const crossed = await send({ customerId: 'a', endpointIds: [ofB.id] });
    assert.deepEqual([crossed.status, crossed.body.error.code], [404, 'endpoint_not_found'], "an event for A cannot name B's endpoint");
    const batch = await acme.http.post('/v1/events/batch', { events: [{ eventType: 'invoice.paid', payload: {}, customerId: 'a' }, { eventType: 'invoice.paid', payload: {}, customerId: 'ghost' }] });
    assert.deepEqual([batch.status, batch.body.error.code], [404, 'customer_not_found'], 'a batch is taken whole or not at all');
    const after = await test.db.query('SELECT count(*)::int AS n FROM events WHERE project_id = $1', [acme.id]);
    assert.equal(after.rows[0].n, before.rows[0].n, 'nothing written for refused events');

    const mixed = await acme.http.post('/v1/events/batch', {
      events: [
        { eventType: 'invoice.paid', payload: {}, customerId: 'b' },
        { eventType: 'invoice.paid', payload: {} },
        { eventType: 'invoice.paid', payload: {}, customerId: 'a', endpointIds: [ofA.id] },
      ],
    });
    assert.equal(mixed.status, 202, JSON.stringify(mixed.body));
    assert.deepEqual(mixed.body.data.map((e: { deliveries: { endpointId: string }[] }) => e.deliveries.map((d) => d.endpointId)), [[ofB.id], [own.id], [ofA.id]]);

    // Filters by customer, by id or uid alike.
    const eventsOfA = (await acme.http.get('/v1/events?customerId=a')).body.data;
    assert.equal(eventsOfA.length, 3);
    assert.ok(eventsOfA.every((e: { customerId: string }) => e.customerId === a.id));
    const deliveriesOfB = (await acme.http.get(`/v1/deliveries?customerId=${b.id}`)).body.data;
    assert.deepEqual([...new Set(deliveriesOfB.map((d: { endpointId: string }) => d.endpointId))], [ofB.id]);
    assert.equal(deliveriesOfB.length, 2);
    assert.deepEqual((await acme.http.get('/v1/endpoints?customerId=b')).body.data.map((e: { id: string }) => e.id), [ofB.id]);
    const other = await newProject(test, 'other');
    assert.deepEqual((await other.http.get('/v1/events?customerId=a')).body.data, [], "another project's customer filters to nothing");

    // Deleting a customer deletes its endpoints; what was sent stays on record, findable by it.
    assert.equal((await acme.http.delete('/v1/customers/a')).status, 204);
    assert.equal((await acme.http.get(`/v1/endpoints/${ofA.id}`)).status, 404);
    assert.equal((await acme.http.get(`/v1/deliveries?customerId=${a.id}`)).body.data.length, 3);
    assert.equal((await send({ customerId: 'a' })).status, 404, 'a deleted customer gets no more events');
    await settle(acme.id);
  });

  it('fan-out finds through its index exactly the endpoints whose patterns match', async () => {
    const acme = await newProject(test, 'patterns');
    projects.push(acme.id);
    const patterns = [['*'], ['invoice.*'], ['invoice.paid'], ['*.paid'], ['invoice.*.late'], ['user.created', 'invoice.paid.late'], ['a.*.c'], ['invoice.paid.*']];
    const endpoints: { id: string; eventTypes: string[] }[] = [];
    for (const eventTypes of patterns) endpoints.push((await acme.http.post('/v1/endpoints', { url: 'https://hooks.example.com/in', eventTypes })).body);
    for (const eventType of ['invoice', 'invoice.paid', 'invoice.paid.late', 'invoice.x.late', 'user.paid', 'user.created', 'a.b.c', 'a.b.d', 'other']) {
      const accepted = await acme.http.post('/v1/events', { eventType, payload: {} });
      const got = accepted.body.deliveries.map((d: { endpointId: string }) => d.endpointId).sort();
      const expected = endpoints.filter((e) => matchesAnyEventType(e.eventTypes, eventType)).map((e) => e.id).sort();
      assert.deepEqual(got, expected, eventType);
    }
    await settle(acme.id);
    const keys = await test.db.query('SELECT subscription_keys FROM endpoints WHERE id = $1', [endpoints[4]!.id]);
    assert.deepEqual(keys.rows[0].subscription_keys, [`${acme.id} invoice.*`]);
  });
});
