/**
 * The search attributes Switchyard's workflows carry, so operators can filter in the Temporal
 * Web UI ("DeliveryStatus = 'failed' AND EndpointId = 'ep_...'"). All Keyword: SQL visibility
 * allows ten custom Keyword attributes and only three of each other type.
 * `switchyard migrate` registers them on the namespace.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const ProjectId = defineSearchAttributeKey('ProjectId', SearchAttributeType.KEYWORD);
export const EndpointId = defineSearchAttributeKey('EndpointId', SearchAttributeType.KEYWORD);
export const EventType = defineSearchAttributeKey('EventType', SearchAttributeType.KEYWORD);
export const EventId = defineSearchAttributeKey('EventId', SearchAttributeType.KEYWORD);
export const DeliveryStatus = defineSearchAttributeKey('DeliveryStatus', SearchAttributeType.KEYWORD);

export const searchAttributeKeys = [ProjectId, EndpointId, EventType, EventId, DeliveryStatus];
