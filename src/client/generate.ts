/**
 * `npm run client`: writes api-types.ts, the TypeScript types of the API, from the OpenAPI
 * document (openapi-typescript). A unit test fails when the committed file is out of date.
 */
import fs from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { apiDocument } from '../api/openapi/api-document';

export const TYPES_FILE = path.join(__dirname, 'api-types.ts');

const HEADER = '/* Generated from the OpenAPI document (GET /openapi.json) by `npm run client`. Do not edit. */\n\n';

export async function clientTypes(): Promise<string> {
  return HEADER + astToString(await openapiTS(structuredClone(apiDocument()) as any, { alphabetize: true }));
}

// Run by `npm run client` (the launcher puts this file in argv[1]), not when a test imports it.
if (process.argv[1] === __filename) {
  clientTypes().then((types) => fs.writeFileSync(TYPES_FILE, types));
}
