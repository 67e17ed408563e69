/**
 * The Google Pub/Sub emulator for development and tests (broker sources on Pub/Sub): the one the
 * Google Cloud CLI carries, on loopback only. It keeps everything in memory: a restart loses its
 * topics, subscriptions and messages (Pub/Sub itself keeps them). It cannot be installed from
 * here (the CLI downloads its components from Google), so without it `dev --pubsub` says so and
 * the Pub/Sub tests report themselves skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { answersHttp, readyOrStopped, startService, which, type Service } from './processes';

/** The emulator's launcher where the Google Cloud CLI keeps it, if this machine has one. */
export function findPubsubEmulator(): string | undefined {
  const gcloud = which('gcloud');
  const roots = ['/usr/lib/google-cloud-sdk', ...(gcloud ? [path.resolve(path.dirname(fs.realpathSync(gcloud)), '..')] : [])];
  return roots.map((root) => path.join(root, 'platform', 'pubsub-emulator', 'bin', 'cloud-pubsub-emulator')).find((file) => fs.existsSync(file));
}

export const PUBSUB_EMULATOR_MISSING = 'the Pub/Sub emulator is not on this machine (install the Google Cloud CLI and `gcloud components install pubsub-emulator`)';

export function isPubsubReady(endpoint: string): Promise<boolean> {
  return answersHttp(`http://${endpoint}/`);
}

export interface LocalPubsubOptions {
  port: number;
  logFile: string;
}

export async function startLocalPubsub(options: LocalPubsubOptions): Promise<Service> {
  const emulator = findPubsubEmulator();
  if (!emulator) throw new Error(PUBSUB_EMULATOR_MISSING);
  const service = startService('pubsub', emulator, ['--host=127.0.0.1', `--port=${options.port}`], { logFile: options.logFile });
  return readyOrStopped(service, 'the Pub/Sub emulator', () => isPubsubReady(`127.0.0.1:${options.port}`), 60_000);
}
