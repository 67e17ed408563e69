/**
 * Whether an error means PostgreSQL is out of reach or out of room, rather than something about
 * the request: those are the gateway's temporary trouble, answered 503 with a Retry-After (so
 * producers and providers retry), never a 500 and never a hang.
 */
export type DatabaseTrouble = 'unavailable' | 'full';

/** Socket-level codes from the driver's connection. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres's own messages for a connection it gave up on. */
const DRIVER_MESSAGES = /^(timeout exceeded when trying to connect|Connection terminated|Query read timeout|Client was closed|Client has encountered a connection error)/;

export function databaseTrouble(error: unknown): DatabaseTrouble | undefined {
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') {
    // SQLSTATE class 53, insufficient resources: disk_full (53100), out_of_memory (53200), too_many_connections (53300).
    if (code === '53100') return 'full';
    if (code.startsWith('53')) return 'unavailable';
    // Class 08, connection exceptions; 57P01-57P03: the server shutting down or still starting.
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return 'unavailable';
    if (CONNECTION_CODES.has(code)) return 'unavailable';
  }
  const message = (error as { message?: unknown })?.message;
  if (typeof message === 'string' && DRIVER_MESSAGES.test(message)) return 'unavailable';
  return undefined;
}
