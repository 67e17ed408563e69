/**
 * Where a broker that pushes its messages (RabbitMQ, Pub/Sub) leaves them for a consumer loop that
 * asks for them: a receive takes what has come, or waits a while for the first to come.
 */
export class Inbox<T> {
  private readonly items: T[] = [];
  private arrived: (() => void) | undefined;

  push(item: T): void {
    this.items.push(item);
    this.arrived?.();
  }

  /** Forgets what has come (its messages are going back to the broker), and ends a wait. */
  clear(): void {
    this.items.length = 0;
    this.arrived?.();
  }

  /** Up to `max` of what has come, waiting up to `waitMs` when nothing has (or until cleared). */
  async take(max: number, waitMs: number): Promise<T[]> {
    if (this.items.length === 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, waitMs);
        this.arrived = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.arrived = undefined;
    }
    return this.items.splice(0, max);
  }
}
