/**
 * Payload schemas (JSON Schema 2020-12), checked with Ajv. Each schema gets an Ajv instance of
 * its own, so that one project's `$id` can neither clash with nor be `$ref`erenced by another's;
 * nothing is fetched (a `$ref` must resolve within the schema). `pattern` runs on RE2, as payload
 * filters do, so no schema can make a check take time exponential in the payload.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { LRUCache } from 'lru-cache';
import RE2 from 're2';

const re2Engine = Object.assign((pattern: string, flags: string) => new RE2(pattern, flags), { code: 'require("re2")' });

function compile(schema: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strictSchema: true, strictNumbers: true, strictTypes: false, strictTuples: false, strictRequired: false, code: { regExp: re2Engine } });
  addFormats(ajv);
  return ajv.compile(schema);
}

/** Why `schema` cannot serve as a payload schema: empty when it can. */
export function schemaProblems(schema: Record<string, unknown>): string[] {
  try {
    compile(schema);
    return [];
  } catch (error) {
    return [`is not a usable JSON Schema (2020-12): ${(error as Error).message}`];
  }
}

/** Where a payload breaks its schema: a JSON Pointer to the value and what is wrong with it. */
export interface PayloadProblem {
  path: string;
  message: string;
}

function problemsOf(validate: ValidateFunction, payload: unknown): PayloadProblem[] {
  if (validate(payload)) return [];
  return (validate.errors ?? []).slice(0, 20).map((error) => ({ path: error.instancePath || '/', message: error.message ?? 'is not valid' }));
}

/** The problems of `payload` against a schema checked once (an example against its schema). */
export function problemsOnce(schema: Record<string, unknown>, payload: unknown): PayloadProblem[] {
  return problemsOf(compile(schema), payload);
}

/** Compiled schemas by a key that changes with the schema (its event type's id and version). */
const compiled = new LRUCache<string, ValidateFunction>({ max: 1_000 });

/** The problems of `payload` against `schema`, compiled once per `key`; empty when it passes. */
export function payloadProblems(key: string, schema: Record<string, unknown>, payload: unknown): PayloadProblem[] {
  let validate = compiled.get(key);
  if (!validate) {
    validate = compile(schema);
    compiled.set(key, validate);
  }
  return problemsOf(validate, payload);
}
