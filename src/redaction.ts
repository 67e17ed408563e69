/**
 * What stands in for a secret value wherever one would otherwise be shown: endpoint header values
 * in API answers and attempt logs, credential headers on stored inbound events, secrets in errors.
 */
export const REDACTED = '[redacted]';
