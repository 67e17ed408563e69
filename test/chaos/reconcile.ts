/**
 * What a chaos run comes to, from what the producers saw accepted and what the receivers saw
 * delivered: every accepted event must have reached each endpoint it was meant for at least once.
 * Pure: the run (chaos.ts) gathers both sides.
 */

/** An event a producer saw accepted (a 202, a 2xx to the provider, a broker's acknowledgement). */
export interface Accepted {
  /** `<source>:<n>`: unique per event the producers meant. */
  key: string;
  at: number;
  /** The endpoints (receiver paths) it should reach. */
  endpoints: string[];
}

/** A delivery a receiver took, answering 2xx. */
export interface Receipt {
  key: string;
  endpoint: string;
  at: number;
}

export interface Reconciliation {
  events: number;
  /** Accepted events by source. */
  bySource: Record<string, number>;
  expected: number;
  delivered: number;
  /** (event, endpoint) pairs accepted and never delivered. */
  lost: { key: string; endpoint: string }[];
  /** Receipts beyond the first of each pair, and their share of all receipts. */
  duplicates: number;
  duplicateRate: number;
  /** From acceptance to the first receipt, the longest over every pair delivered. */
  longestDelayMs: number;
}

export function reconcile(accepted: readonly Accepted[], receipts: readonly Receipt[]): Reconciliation {
  const first = new Map<string, number>();
  let duplicates = 0;
  for (const receipt of receipts) {
    const pair = `${receipt.key} ${receipt.endpoint}`;
    const seen = first.get(pair);
    if (seen === undefined) first.set(pair, receipt.at);
    else {
      duplicates++;
      if (receipt.at < seen) first.set(pair, receipt.at);
    }
  }
  const bySource: Record<string, number> = {};
  const lost: { key: string; endpoint: string }[] = [];
  let expected = 0;
  let delivered = 0;
  let longestDelayMs = 0;
  for (const event of accepted) {
    const source = event.key.slice(0, event.key.indexOf(':'));
    bySource[source] = (bySource[source] ?? 0) + 1;
    for (const endpoint of event.endpoints) {
      expected++;
      const at = first.get(`${event.key} ${endpoint}`);
      if (at === undefined) lost.push({ key: event.key, endpoint });
      else {
        delivered++;
        longestDelayMs = Math.max(longestDelayMs, at - event.at);
      }
    }
  }
  return { events: accepted.length, bySource, expected, delivered, lost, duplicates, duplicateRate: receipts.length === 0 ? 0 : duplicates / receipts.length, longestDelayMs };
}
