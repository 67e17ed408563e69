/** An API on the test database, and a project to act as. */
import crypto from 'node:crypto';
import { startApi, type RunningApi } from '../../src/commands/api';
import { createPool, type Db } from '../../src/db/pool';
import { request, type JsonResponse } from './http';
import { eventually } from './receiver';
import { testConfig } from './services';

export interface TestApi {
  api: RunningApi;
  db: Db;
  adminKey: string;
  stop(): Promise<void>;
}

export async function startTestApi(env: NodeJS.ProcessEnv = {}): Promise<TestApi> {
  const adminKey = `admin_${crypto.randomBytes(24).toString('hex')}`;
  const config = testConfig({ PORT: '0', SWITCHYARD_ADMIN_KEY: adminKey, ...env });
  const db = createPool(config.databaseUrl!);
  const api = await startApi(config, { db });
  return {
    api,
    db,
    adminKey,
    async stop() {
      await api.stop();
      await db.end();
    },
  };
}

/** A client that sends JSON with a bearer key. */
export function client(baseUrl: string, key: string) {
  const call = (method: string, path: string, body?: unknown): Promise<JsonResponse> =>
    request(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    delete: (path: string) => call('DELETE', path),
  };
}

/**
 * Creates a project through the admin route, gives it what the operator sets (PATCH
 * /v1/projects/:id) when `settings` are given, and returns a client acting as it.
 */
export async function newProject(test: TestApi, name = 'test project', settings?: { brokerPrefixes?: Record<string, string[]>; ingestRateLimit?: unknown }) {
  const admin = client(test.api.url, test.adminKey);
  const created = await admin.post('/v1/projects', { name });
  if (created.status !== 201) throw new Error(`project creation failed: ${JSON.stringify(created)}`);
  if (settings) {
    const set = await admin.patch(`/v1/projects/${created.body.id}`, settings);
    if (set.status !== 200) throw new Error(`project settings refused: ${JSON.stringify(set)}`);
  }
  return { id: created.body.id as string, apiKey: created.body.apiKey as string, http: client(test.api.url, created.body.apiKey) };
}

/** The delivery once its status is one of `statuses`, read as its own project reads it. */
export function settledFor(owner: { http: { get(path: string): Promise<{ body: any }> } }, id: string, statuses = ['succeeded', 'failed', 'cancelled']) {
  return eventually(`delivery ${id} to reach ${statuses.join('/')}`, async () => {
    const { body } = await owner.http.get(`/v1/deliveries/${id}`);
    return statuses.includes(body.status) ? body : undefined;
  });
}
