/**
 * Payload filters: JSON rules an endpoint (or an inbound route) sets to receive only some events.
 *
 *   { "amount": { "$gte": 100 }, "customer.tier": { "$in": ["gold", "platinum"] },
 *     "$or": [ { "region": "eu" }, { "vip": true } ] }
 *
 * Keys are dot paths into the payload (a numeric segment indexes an array); every key must hold.
 * A field's value is either a literal (meaning `$eq`) or an object of operators:
 * `$eq $neq $gt $gte $lt $lte $in $nin $exists $regex`. `$and` and `$or` take lists of filters.
 * As in MongoDB, `$eq` and `$in` also match an array field that contains the value, and `$neq`
 * and `$nin` are their exact negations (so a missing field matches them). Order comparisons only
 * compare numbers with numbers and strings with strings (ISO dates compare correctly as strings).
 *
 * `filterProblems` validates a filter when it is saved, so `matchesFilter` never meets a bad one.
 *
 * `$regex` runs on RE2 (the `re2` package), whose matching time is linear in the input: a
 * pattern like `(a|a)*b` cannot stall the process that matches it, as it could with JavaScript's
 * backtracking engine. RE2 has no backreferences and no lookaround; such patterns are refused.
 */
import RE2 from 're2';
import { isJsonObject } from '../json';

export type Filter = Record<string, unknown>;

export interface FilterProblem {
  /** Where in the filter, as a JSON-path-like string: `$.amount.$gt`. */
  path: string;
  message: string;
}

const MAX_DEPTH = 16;
const MAX_LIST = 1_000;
const MAX_REGEX_LENGTH = 512;
/** Regex matching runs on the event loop, so only this much of a string field is searched. */
const MAX_REGEX_INPUT = 16_384;

const comparisonOperators = ['$gt', '$gte', '$lt', '$lte'] as const;
const fieldOperators = new Set(['$eq', '$neq', ...comparisonOperators, '$in', '$nin', '$exists', '$regex']);

function regexProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_REGEX_LENGTH) return `must be at most ${MAX_REGEX_LENGTH} characters`;
  try {
    new RE2(pattern, 'u');
  } catch (error) {
    return `is not a valid RE2 regular expression (no backreferences or lookaround): ${(error as Error).message}`;
  }
  return undefined;
}

function conditionProblems(condition: unknown, path: string): FilterProblem[] {
  if (!isJsonObject(condition) || !Object.keys(condition).some((key) => key.startsWith('$'))) return [];
  const keys = Object.keys(condition);
  if (!keys.every((key) => key.startsWith('$'))) {
    return [{ path, message: 'mixes operators and field names; to match a nested object exactly, use {"$eq": {...}}' }];
  }
  return keys.flatMap((op): FilterProblem[] => {
    const value = condition[op];
    const at = `${path}.${op}`;
    if (!fieldOperators.has(op)) return [{ path: at, message: `unknown operator; use one of ${[...fieldOperators].join(' ')}` }];
    if ((comparisonOperators as readonly string[]).includes(op) && typeof value !== 'number' && typeof value !== 'string') {
      return [{ path: at, message: 'takes a number or a string' }];
    }
    if ((op === '$in' || op === '$nin') && (!Array.isArray(value) || value.length > MAX_LIST)) {
      return [{ path: at, message: `takes a list of at most ${MAX_LIST} values` }];
    }
    if (op === '$exists' && typeof value !== 'boolean') return [{ path: at, message: 'takes true or false' }];
    if (op === '$regex') {
      const problem = typeof value === 'string' ? regexProblem(value) : 'takes a string';
      return problem ? [{ path: at, message: problem }] : [];
    }
    return [];
  });
}

/** Everything wrong with a filter; empty when it is valid. */
export function filterProblems(filter: unknown, path = '$', depth = 0): FilterProblem[] {
  if (!isJsonObject(filter)) return [{ path, message: 'a filter is a JSON object' }];
  if (depth > MAX_DEPTH) return [{ path, message: `filters nest at most ${MAX_DEPTH} deep` }];
  return Object.entries(filter).flatMap(([key, value]): FilterProblem[] => {
    const at = `${path}.${key}`;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(value) || value.length === 0 || value.length > MAX_LIST) {
        return [{ path: at, message: `takes a list of 1 to ${MAX_LIST} filters` }];
      }
      return value.flatMap((item, i) => filterProblems(item, `${at}[${i}]`, depth + 1));
    }
    if (key.startsWith('$')) return [{ path: at, message: 'unknown operator here; only $and and $or combine filters' }];
    if (key === '' || key.split('.').some((part) => part === '')) return [{ path: at, message: 'is not a dot path like "customer.tier"' }];
    return conditionProblems(value, at);
  });
}

/** Follows a dot path; `found` is false when any step is missing. */
export function valueAt(payload: unknown, path: string): { found: boolean; value?: unknown } {
  let current: unknown = payload;
  for (const part of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(part) && Number(part) < current.length) current = current[Number(part)];
    else if (isJsonObject(current) && Object.hasOwn(current, part)) current = current[part];
    else return { found: false };
  }
  return { found: true, value: current };
}

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && jsonEqual(a[key], b[key]));
  }
  return false;
}

function equalsOrContains(field: { found: boolean; value?: unknown }, expected: unknown): boolean {
  if (!field.found) return false;
  if (jsonEqual(field.value, expected)) return true;
  return Array.isArray(field.value) && !Array.isArray(expected) && field.value.some((item) => jsonEqual(item, expected));
}

function compare(actual: unknown, expected: number | string): number | undefined {
  if (typeof actual !== typeof expected || (typeof actual !== 'number' && typeof actual !== 'string')) return undefined;
  return actual < expected ? -1 : actual > expected ? 1 : 0;
}

const compiled = new Map<string, RE2>();
function regex(pattern: string): RE2 {
  let re = compiled.get(pattern);
  if (!re) {
    if (compiled.size >= 1_000) compiled.clear();
    re = new RE2(pattern, 'u');
    compiled.set(pattern, re);
  }
  return re;
}

function operatorHolds(op: string, expected: unknown, field: { found: boolean; value?: unknown }): boolean {
  switch (op) {
    case '$eq':
      return equalsOrContains(field, expected);
    case '$neq':
      return !equalsOrContains(field, expected);
    case '$in':
      return (expected as unknown[]).some((candidate) => equalsOrContains(field, candidate));
    case '$nin':
      return !(expected as unknown[]).some((candidate) => equalsOrContains(field, candidate));
    case '$exists':
      return field.found === expected;
    case '$regex':
      return typeof field.value === 'string' && regex(expected as string).test(field.value.slice(0, MAX_REGEX_INPUT));
    default: {
      const order = field.found ? compare(field.value, expected as number | string) : undefined;
      if (order === undefined) return false;
      return op === '$gt' ? order > 0 : op === '$gte' ? order >= 0 : op === '$lt' ? order < 0 : order <= 0;
    }
  }
}

/** Whether a payload passes a filter that `filterProblems` found valid. */
export function matchesFilter(filter: Filter, payload: unknown): boolean {
  return Object.entries(filter).every(([key, condition]) => {
    if (key === '$and') return (condition as Filter[]).every((item) => matchesFilter(item, payload));
    if (key === '$or') return (condition as Filter[]).some((item) => matchesFilter(item, payload));
    const field = valueAt(payload, key);
    const isOperators = isJsonObject(condition) && Object.keys(condition).some((k) => k.startsWith('$'));
    if (!isOperators) return equalsOrContains(field, condition);
    return Object.entries(condition).every(([op, expected]) => operatorHolds(op, expected, field));
  });
}
