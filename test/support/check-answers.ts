/**
 * Loaded into every test process (test/run.ts): each answer a test fetches from the API is
 * checked against the OpenAPI document, and one that does not match fails the request, so the
 * document cannot drift from what the routes answer.
 */
import { apiDocument } from '../../src/api/openapi/api-document';
import { contractChecker, type ContractChecker } from './api-contract';

const realFetch = globalThis.fetch;
let checker: ContractChecker | undefined;

export class ContractBroken extends Error {
  override name = 'ContractBroken';
}

globalThis.fetch = async (input, init) => {
  const response = await realFetch(input, init);
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
  checker ??= contractChecker(apiDocument());
  const body = await response.clone().text();
  const problem = checker.problem({ method: method.toUpperCase(), url, status: response.status, contentType: response.headers.get('content-type') ?? '', body });
  if (problem) throw new ContractBroken(problem);
  return response;
};
