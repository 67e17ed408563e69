/**
 * What a Temporal namespace needs before Switchyard runs on it: the namespace itself (a fresh
 * cluster has none; the dev server makes `default`) and the workflows' search attributes.
 * Both steps add only what is missing, so `migrate` can run on every deploy.
 */
import { status as grpcStatus } from '@grpc/grpc-js';
import type { Connection } from '@temporalio/client';
import Long from 'long';
import { temporal } from '@temporalio/proto';
import { searchAttributeKeys } from './search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;

/** Closed workflows stay visible (and replayable by id) for this long. */
const RETENTION_SECONDS = 7 * 24 * 3600;

function grpcCode(error: unknown): number | undefined {
  return (error as { code?: number } | null)?.code;
}

/** Registers the namespace if it does not exist; true when it had to. */
export async function ensureNamespace(connection: Connection, namespace: string): Promise<boolean> {
  try {
    await connection.workflowService.describeNamespace({ namespace });
    return false;
  } catch (error) {
    if (grpcCode(error) !== grpcStatus.NOT_FOUND) throw error;
  }
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: { seconds: Long.fromNumber(RETENTION_SECONDS) } });
    return true;
  } catch (error) {
    if (grpcCode(error) === grpcStatus.ALREADY_EXISTS) return false; // another migrate won the race
    throw error;
  }
}

export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  // A namespace registered a moment ago reaches every service's cache within seconds; until then
  // the operator service answers NOT_FOUND.
  for (let attempt = 0; ; attempt++) {
    try {
      return await addMissingSearchAttributes(connection, namespace);
    } catch (error) {
      if (grpcCode(error) !== grpcStatus.NOT_FOUND || attempt >= 30) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }
}

async function addMissingSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set([...Object.keys(existing.customAttributes ?? {}), ...Object.keys(existing.systemAttributes ?? {})]);
  const missing = searchAttributeKeys.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`]])),
  });
  return missing.map((key) => key.name);
}
