/** Something a command started that keeps running until it is stopped. */
export interface Running {
  stop(): Promise<void>;
  /** Settles if it ends on its own (a worker losing its server for good); the CLI then exits. */
  ended?: Promise<void>;
}
