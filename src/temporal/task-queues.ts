/**
 * Task queues. Endpoint entities get one of their own, polled by a second worker in the same
 * process: deliveries waiting on a permit hold workflow-task slots, and must never starve the
 * entity that grants it.
 */
export function endpointTaskQueue(taskQueue: string): string {
  return `${taskQueue}-endpoints`;
}
