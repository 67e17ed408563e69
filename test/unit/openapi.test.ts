import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { validate } from '@readme/openapi-parser';
import { z } from 'zod';
import { createApp, type ApiDependencies } from '../../src/api/app';
import { apiDocument } from '../../src/api/openapi/api-document';
import { openApiDocument } from '../../src/api/openapi/document';
import { errorCodes } from '../../src/api/openapi/error-codes';
import { clientTypes, TYPES_FILE } from '../../src/client/generate';
import { repoRoot } from '../../src/config';
import { contractChecker } from '../support/api-contract';
import { filesUnder } from '../support/imports';

/** Every route an Express router serves, as `METHOD /path/{param}`. */
function servedRoutes(router: any, prefix = ''): string[] {
  return router.stack.flatMap((layer: any) => {
    const at = (p: string) => `${prefix}${p === '/' ? '' : p}`;
    if (layer.route) {
      const route = at(layer.route.path).replace(/:(\w+)/g, '{$1}') || '/';
      return Object.keys(layer.route.methods).filter((m) => m !== '_all').map((method) => `${method.toUpperCase()} ${route}`);
    }
    return layer.handle?.stack ? servedRoutes(layer.handle, typeof layer.rawPath === 'string' ? at(layer.rawPath) : prefix) : [];
  });
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document, by an independent validator', async () => {
    const result = await validate(structuredClone(apiDocument()) as any);
    assert.deepEqual(result, { valid: true, warnings: [], specification: 'OpenAPI' });
  });

  it('the validator refuses a broken one (it is not a rubber stamp)', async () => {
    const broken: any = structuredClone(apiDocument());
    broken.paths['/v1/endpoints'].get.responses['200'].content['application/json'].schema = { $ref: '#/components/schemas/NoSuchThing' };
    const result = await validate(broken).catch((error: Error) => ({ valid: false, error: error.message }));
    assert.equal(result.valid, false);
  });

  it('documents every route the API serves, and no route it does not serve', () => {
    const app = createApp({ metricsAllow: ['127.0.0.1/32'], readiness: {} } as unknown as ApiDependencies);
    const served = new Set(servedRoutes((app as any).router).filter((route) => !route.includes(' /portal')));
    const documented = new Set(Object.entries(apiDocument().paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`)));
    assert.deepEqual([...served].filter((r) => !documented.has(r)).sort(), [], 'served but not documented');
    assert.deepEqual([...documented].filter((r) => !served.has(r)).sort(), [], 'documented but not served');
  });

  it('knows every error code the API raises, with its status', () => {
    const raised = new Map<string, number>();
    for (const file of filesUnder('src')) {
      const text = fs.readFileSync(path.join(repoRoot, file), 'utf8');
      for (const [, status, code] of text.matchAll(/ApiError\((\d{3}), '(\w+)'/g)) raised.set(code!, Number(status));
      for (const [, code] of text.matchAll(/ResourceKind = \{ code: '(\w+)'/g)) raised.set(code!, 404);
    }
    assert.ok(raised.size > 20, `found ${raised.size} codes in src`);
    for (const [code, status] of raised) {
      assert.equal(errorCodes[code as keyof typeof errorCodes]?.status, status, `${code} (${status}) is not in error-codes.ts with that status`);
    }
  });

  it('has its typed client generated from it, up to date (npm run client)', async () => {
    assert.equal(fs.readFileSync(TYPES_FILE, 'utf8'), await clientTypes(), 'src/client/api-types.ts is stale: run npm run client');
  });

  it('names components once, and refuses two different schemas under one name', () => {
    const a = z.object({ x: z.string() }).meta({ id: 'Clash' });
    const b = z.object({ y: z.number() }).meta({ id: 'Clash' });
    const op = (id: string, schema: z.ZodType) => ({ method: 'get' as const, path: `/${id}`, id, summary: id, tag: 't', auth: 'none' as const, answers: { 200: { description: 'ok', schema } } });
    assert.throws(() => openApiDocument([op('one', a), op('two', b)], '1', []), /two different schemas are named Clash/);
  });
});

describe('the answer check', () => {
  const checker = contractChecker(apiDocument());
  const endpoint = {
    id: 'ep_1', projectId: 'prj_1', customerId: null, url: 'https://example.com/hook', description: '', eventTypes: ['*'], filter: null,
    headers: {}, timeoutMs: 10000, retrySchedule: null, rateLimit: null, circuitBreaker: {}, autoDisableAfter: null, signatureScheme: 'v1', publicKey: null, previousPublicKeys: [], tls: null, auth: null, region: null, status: 'active',
    statusReason: null, version: 1, createdAt: '2026-12-03T10:00:00.000Z', updatedAt: '2026-12-03T10:00:00.000Z',
  };
  const answer = (method: string, p: string, status: number, body: unknown) => ({
    method, url: `http://127.0.0.1:1${p}`, status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body),
  });

  it('passes an answer that matches', () => {
    assert.equal(checker.problem(answer('GET', '/v1/endpoints/ep_1', 200, endpoint)), undefined);
    assert.equal(checker.problem(answer('GET', '/v1/endpoints/ep_1', 404, { error: { code: 'endpoint_not_found', message: 'No endpoint.' } })), undefined);
  });

  it('fails a field the document does not have, a wrong type, an unlisted status or code, an unknown route', () => {
    assert.match(checker.problem(answer('GET', '/v1/endpoints/ep_1', 200, { ...endpoint, extra: 1 }))!, /extra/);
    assert.match(checker.problem(answer('GET', '/v1/endpoints/ep_1', 200, { ...endpoint, timeoutMs: 'soon' }))!, /timeoutMs/);
    assert.match(checker.problem(answer('GET', '/v1/endpoints/ep_1', 418, {}))!, /status the document does not list/);
    assert.match(checker.problem(answer('GET', '/v1/endpoints/ep_1', 404, { error: { code: 'source_not_found', message: 'x' } }))!, /allowed values|does not match/);
    assert.match(checker.problem(answer('PUT', '/v1/endpoints/ep_1', 200, endpoint))!, /no PUT/);
    assert.equal(checker.problem(answer('GET', '/v1/nothing-here', 404, { error: { code: 'not_found', message: 'No route.' } })), undefined);
  });

  it('leaves what is not the API alone', () => {
    assert.equal(checker.problem(answer('POST', '/hook', 500, 'anything')), undefined);
    assert.equal(checker.problem(answer('GET', '/portal/endpoints', 200, 'anything')), undefined);
  });
});
