/**
 * What is wrong with an input, field by field: the shape the API answers in a 400's details, and
 * what pure validators that also run in the workflow sandbox (where zod does not) return.
 */
export interface Problem {
  /** The field, dotted (`rateLimit.burst`); empty for the input as a whole. */
  path: string;
  message: string;
}

/** One line for a log or an error message: the first problem, with its field. */
export function describeProblem(problem: Problem): string {
  return problem.path ? `${problem.path}: ${problem.message}` : problem.message;
}

/** The path of a field inside the object at `at` (empty: the input itself). */
export function fieldPath(at: string, key: string): string {
  return at ? `${at}.${key}` : key;
}

/** Fields an object (at `at`) has beyond the ones allowed: the API refuses what it does not understand. */
export function unknownFields(value: Record<string, unknown>, allowed: readonly string[], at = ''): Problem[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ path: fieldPath(at, key), message: 'is not a known field' }));
}
