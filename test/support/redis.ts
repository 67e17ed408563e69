/** A test's own Redis client, and the stream commands the broker tests use as a producer and a reader would. */
import { createClient } from 'redis';

export type TestRedis = Awaited<ReturnType<typeof testRedis>>;

export async function testRedis(url: string) {
  const client = createClient({ url, RESP: 2, socket: { reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 2_000) } });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** XADD of one entry; its id. */
export async function append(client: TestRedis, stream: string, fields: Record<string, string>): Promise<string> {
  return String(await client.sendCommand(['XADD', stream, '*', ...Object.entries(fields).flat()]));
}

/** Every entry of a stream, its fields as an object. */
export async function entries(client: TestRedis, stream: string): Promise<{ id: string; fields: Record<string, string> }[]> {
  const reply = (await client.sendCommand(['XRANGE', stream, '-', '+'])) as [string, string[]][];
  return reply.map(([id, flat]) => ({ id, fields: Object.fromEntries(Array.from({ length: flat.length / 2 }, (_, i) => [flat[2 * i], flat[2 * i + 1]])) }));
}

/** How many entries of the stream the group's consumers hold unacknowledged. */
export async function pendingCount(client: TestRedis, stream: string, group: string): Promise<number> {
  const [count] = (await client.sendCommand(['XPENDING', stream, group])) as [number, ...unknown[]];
  return Number(count);
}
