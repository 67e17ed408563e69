/**
 * A typed client of the API: openapi-fetch over the types generated from the OpenAPI document,
 * so a call's path, parameters, body and answer are checked by the compiler.
 *
 *   const api = switchyardClient('http://127.0.0.1:8080', apiKey);
 *   const { data, error } = await api.POST('/v1/endpoints', { body: { url } });
 */
import createClient from 'openapi-fetch';
import type { paths } from './api-types';

export type { components, paths } from './api-types';

export function switchyardClient(baseUrl: string, key?: string) {
  return createClient<paths>({ baseUrl, headers: key ? { authorization: `Bearer ${key}` } : {} });
}
