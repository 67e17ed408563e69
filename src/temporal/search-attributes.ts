/**
 * The search attributes Switchyard's workflows carry, so operators can filter in the Temporal
 * Web UI ("DeliveryStatus = 'failed' AND EndpointId = 'ep_...'", "LastStatusCode = 503").
 * SQL visibility allows ten custom Keyword attributes and only three of each other type, so all
 * are Keyword but the status code, which is compared as a number.
 * `switchyard migrate` registers them on the namespace.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ProjectId = defineSearchAttributeKey('ProjectId', SearchAttributeType.KEYWORD);
export const EndpointId = defineSearchAttributeKey('EndpointId', SearchAttributeType.KEYWORD);
export const EventType = defineSearchAttributeKey('EventType', SearchAttributeType.KEYWORD);
export const EventId = defineSearchAttributeKey('EventId', SearchAttributeType.KEYWORD);
export const DeliveryStatus = defineSearchAttributeKey('DeliveryStatus', SearchAttributeType.KEYWORD);

/** The last failed attempt's HTTP status; unset when it got none (see LastErrorClass). */
export const LastStatusCode = defineSearchAttributeKey('LastStatusCode', SearchAttributeType.INT);
/** How the last failed attempt failed: `http` (see LastStatusCode), or `timeout`, `connect_refused`, `dns`... */
export const LastErrorClass = defineSearchAttributeKey('LastErrorClass', SearchAttributeType.KEYWORD);

export const searchAttributeKeys = [ProjectId, EndpointId, EventType, EventId, DeliveryStatus, LastStatusCode, LastErrorClass];

/** The Temporal CLI's name for an attribute's type (`--search-attribute Name=Type`). */
export function cliTypeName(key: (typeof searchAttributeKeys)[number]): string {
  return key.type === SearchAttributeType.INT ? 'Int' : 'Keyword';
}
