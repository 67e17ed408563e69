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

/** Fields an object has beyond the ones allowed: the API refuses what it does not understand. */
export function unknownFields(value: Record<string, unknown>, allowed: readonly string[], prefix = ''): Problem[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => ({ path: `${prefix}${key}`, message: 'is not a known field' }));
}
