// Preloaded into every test process by test/run.ts (after tsx). Node hands its flags to worker
// threads too, the Temporal worker's workflow thread among them, where tsx is not loaded and
// nothing fetches: only the main thread installs the check.
import { isMainThread } from 'node:worker_threads';

if (isMainThread) await import('./check-answers.ts');
