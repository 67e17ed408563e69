/**
 * Where an inbound webhook goes: each of a source's routes names internal endpoints, and may
 * match on headers (names lower-cased) and on the body, with the same filter language as
 * endpoint filters. The webhook goes to every endpoint of every route that matches. Pure.
 */
import { matchesFilter, type Filter } from '../routing/payload-filter';

export interface SourceRoute {
  match?: { headers?: Filter; body?: Filter };
  endpointIds: string[];
}

export function routeTargets(routes: readonly SourceRoute[], headers: Record<string, string | undefined>, body: unknown): string[] {
  const targets = new Set<string>();
  for (const route of routes) {
    if (route.match?.headers && !matchesFilter(route.match.headers, headers)) continue;
    if (route.match?.body && (body === undefined || !matchesFilter(route.match.body, body))) continue;
    for (const id of route.endpointIds) targets.add(id);
  }
  return [...targets];
}
