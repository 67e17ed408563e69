/**
 * Broker sources through a PostgreSQL outage, the same test for every broker: PostgreSQL stopped
 * for a while (a private cluster, so the other tests' database stays up).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newProject } from '../support/api';
import { brokersUnderTest, outageEnvelope as envelope } from '../support/brokers';
import { startIsolatedGateway } from '../support/isolated-gateway';
import { startConsumerProcess, type ConsumerProcess } from '../support/consumer-process';
import { eventually } from '../support/receiver';

for (const under of brokersUnderTest) {
  describe(`broker sources on ${under.broker} while PostgreSQL is down`, { skip: under.skip }, () => {
    it('PostgreSQL down: the consumer pauses, then catches up with nothing lost', async () => {
      const { env, test, receiver, stopPostgres, startPostgres, stop } = await startIsolatedGateway('broker-pg-outage');
      const client = await under.client(process.env[under.urlVariable]!);
      let consumer: ConsumerProcess | undefined;
      try {
        const stream = await client.newStream('pg_outage');
        const project = await newProject(test, 'outage', { brokerPrefixes: { [under.broker]: [stream] } });
        assert.equal((await project.http.post('/v1/endpoints', { url: `${receiver.url}/outage` })).status, 201);
        const created = (await project.http.post('/v1/broker-sources', { broker: under.broker, [under.addressField]: stream, format: 'envelope' })).body;
        const source = { address: stream, group: under.groupField ? created[under.groupField] : undefined };

        consumer = startConsumerProcess(env);
        for (let i = 0; i < 50; i++) await client.publish(stream, envelope(i));
        await receiver.waitFor('/outage', 50, 60_000);

        await stopPostgres();
        const logBefore = consumer.log().length;
        for (let i = 50; i < 200; i++) await client.publish(stream, envelope(i));
        // Down for a while: the consumer pauses, tries again after its rest, and pauses again.
        await consumer.waitForLog(/broker source paused[^]*broker source paused[^]*broker source paused/, 60_000, logBefore);
        // Paused means nothing acknowledged past what was done before the outage, and the chunk
        // in hand held unacknowledged.
        if (client.acknowledged && client.pending) {
          assert.equal(await client.acknowledged(source), 50);
          assert.ok((await client.pending(source)) > 0, 'the chunk in hand is held');
        }

        await startPostgres();
        await consumer.waitForLog(/broker source resumed/, 90_000, logBefore);
        // At least once: an attempt that reached the receiver but could not be recorded is sent again.
        const delivered = () => new Set(receiver.received.filter((r) => r.path === '/outage').map((r) => JSON.parse(r.body).n));
        await eventually('every message delivered', async () => (delivered().size === 200 ? true : undefined), 120_000);
        assert.deepEqual([...delivered()].sort((a, b) => a - b), Array.from({ length: 200 }, (_, i) => i));
        const { rows } = await test.db.query('SELECT count(*)::int AS events FROM events WHERE project_id = $1', [project.id]);
        assert.equal(rows[0].events, 200, 'no duplicate events');
        if (client.pending) await eventually('every message acknowledged', async () => ((await client.pending!(source)) === 0 ? true : undefined));
        await project.http.delete(`/v1/broker-sources/${created.id}`);
      } finally {
        await consumer?.kill('SIGTERM');
        await client.close();
        await stop();
      }
    });
  });
}
