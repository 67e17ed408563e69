/** The ceiling workflow's activity: does nothing, so that only the engine's own cost is measured. */
export function createCeilingActivities() {
  return {
    async noop(): Promise<void> {},
  };
}

export type CeilingActivities = ReturnType<typeof createCeilingActivities>;
