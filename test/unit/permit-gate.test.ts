import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Client } from '@temporalio/client';
import { createPermitGate } from '../../activities/endpoint-permits';
import type { Lease } from '../../src/endpoint-health/lease';
import { resolveSettings } from '../../src/endpoint-health/settings';

const lease = (fields: Partial<Lease>): Lease => ({
  version: 1,
  status: 'active',
  statusReason: null,
  circuit: 'closed',
  halfOpensInMs: null,
  holdForMs: null,
  rate: null,
  probes: 0,
  failureBudget: 1,
  ttlMs: 10_000,
  ...fields,
});

/**
 * The entity, as the gate reaches it: each exchange takes `latencyMs` of the clock and answers the
 * next lease of the script. Only the calls the gate makes are there.
 */
function scriptedEntity(clock: { now: number }, latencyMs: number, leases: Lease[]) {
  let asked = 0;
  const answer = async () => {
    asked++;
    clock.now += latencyMs;
    return leases.length > 1 ? leases.shift()! : leases[0]!;
  };
  const client = { workflow: { executeUpdateWithStart: answer, getHandle: () => ({ executeUpdate: answer }) } } as unknown as Client;
  return { client, asked: () => asked };
}

const endpoint = {
  id: 'ep_1',
  projectId: 'proj_1',
  snapshot: { version: 1, status: 'active' as const, statusReason: null, deleted: false, settings: resolveSettings({ rateLimit: null, circuitBreaker: {}, autoDisableAfter: null }) },
};

describe('the permit gate', () => {
  it("ends an open circuit's lease no later than the entity half-opens, however long the exchange took, so a delivery woken to probe gets its probe", async () => {
    const clock = { now: 1_000_000 };
    // The exchange takes 400 ms; the entity wrote "half-opens in 3 s" halfway through it.
    const entity = scriptedEntity(clock, 400, [lease({ circuit: 'open', halfOpensInMs: 3_000, ttlMs: 3_000 }), lease({ circuit: 'half_open', probes: 2 })]);
    const gate = createPermitGate({ client: entity.client, taskQueue: 'q', now: () => clock.now, random: () => 0 });
    try {
      const held = await gate.acquire(endpoint);
      assert.equal(held.go, false);
      // The entity half-opens 3 s after it wrote the lease (2.8 s after the answer came), and wakes a held delivery then.
      clock.now += 2_800;
      const woken = await gate.acquire(endpoint);
      assert.deepEqual(woken, { go: true, probe: true });
      assert.equal(entity.asked(), 2, 'the woken delivery asked the entity again');
    } finally {
      await gate.close();
    }
  });

  it('holds a delivery near the half-open only until then, and one far from it until the recheck', async () => {
    const clock = { now: 0 };
    const entity = scriptedEntity(clock, 0, [lease({ circuit: 'open', halfOpensInMs: 600_000, ttlMs: 10_000 })]);
    const gate = createPermitGate({ client: entity.client, taskQueue: 'q', now: () => clock.now, random: () => 0 });
    try {
      const far = await gate.acquire(endpoint);
      assert.ok(!far.go && far.reason === 'circuit_open' && far.waitMs === 600_000, JSON.stringify(far));
    } finally {
      await gate.close();
    }
    const near = createPermitGate({ client: scriptedEntity(clock, 0, [lease({ circuit: 'open', halfOpensInMs: 500, ttlMs: 10_000 })]).client, taskQueue: 'q', now: () => clock.now, random: () => 0 });
    try {
      const soon = await near.acquire(endpoint);
      assert.ok(!soon.go && soon.reason === 'circuit_open' && soon.waitMs === 500, JSON.stringify(soon));
    } finally {
      await near.close();
    }
  });
});
