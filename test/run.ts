/**
 * `npm test`: brings up the real stack (reusing services that already answer), gives the tests a
 * freshly migrated database of their own, runs the test files with Node's test runner, and stops
 * only what it started.
 *
 *   npm test                      every test
 *   npm test -- unit              test/unit only: no services started
 *   npm test -- test/x.test.ts    the files named
 *   npm test -- test/integration  every test file under the folders named
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runMigrations } from '../src/commands/migrate';
import { loadConfig, repoRoot } from '../src/config';
import { LOOPBACK_CIDRS } from '../src/egress/address-policy';
import { newEncryptionKeyEntry } from '../src/secrets/sealing';
import { configureLogging, errorMessage } from '../src/log';
import { ensureChromiumInstalled } from '../src/stack/chromium';
import { recreateDatabase } from '../src/stack/postgres';
import { findPubsubEmulator } from '../src/stack/pubsub';
import { startStack, type Stack } from '../src/stack/stack';

/** A whole run takes under 10 minutes on a 2-core machine; this only ends one that hangs. */
const WATCHDOG_MS = 40 * 60_000;

function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? testFiles(full) : entry.name.endsWith('.test.ts') ? [full] : [];
    })
    .sort();
}

/** The tests' database: the configured one's name with `_test` appended, on the same server. */
function testDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `${url.pathname}_test`;
  return url.toString();
}

async function main(args: string[]): Promise<number> {
  const unitOnly = args.includes('unit');
  const asked = args.filter((arg) => arg !== 'unit').map((arg) => path.resolve(arg));
  const named = asked.flatMap((arg) => (fs.statSync(arg, { throwIfNoEntry: false })?.isDirectory() ? testFiles(arg) : [arg]));
  if (asked.length > 0 && named.length === 0) throw new Error(`no test files in ${asked.join(', ')}`);
  const files = named.length > 0 ? named : testFiles(path.join(repoRoot, 'test', unitOnly ? 'unit' : ''));
  const needsStack = !unitOnly && files.some((file) => !file.includes(`${path.sep}unit${path.sep}`));

  // What the tests' processes need that a fresh machine does not have: loopback opened to the
  // egress policy (the receivers listen there), and a key for secrets at rest.
  process.env.SWITCHYARD_EGRESS_ALLOW ??= LOOPBACK_CIDRS.join(',');
  // Tests talk to loopback only: Google's client libraries never probe for a cloud metadata server.
  process.env.METADATA_SERVER_DETECTION = 'none';
  process.env.SWITCHYARD_ENCRYPTION_KEYS ??= newEncryptionKeyEntry('test');
  // Workers and consumers the tests spawn serve their metrics on ports of their own.
  process.env.METRICS_PORT ??= '0';
  const config = loadConfig();
  configureLogging(config.logLevel, config.logFormat ?? 'pretty');
  let stack: Stack | undefined;
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (needsStack) {
    // The browser tests' Chromium (test/support/browser.ts): apt installs it when missing, as PostgreSQL.
    await ensureChromiumInstalled(config);
    // The Pub/Sub emulator cannot be installed from here: without it the Pub/Sub tests skip themselves, saying why.
    stack = await startStack(config, { kafka: true, redis: true, nats: true, sqs: true, rabbitmq: true, pubsub: findPubsubEmulator() !== undefined, ephemeral: true });
    const databaseUrl = testDatabaseUrl(stack.databaseUrl);
    await recreateDatabase(databaseUrl);
    // What `dev` does too: SQL migrations, then the namespace and its search attributes.
    await runMigrations({ ...config, databaseUrl });
    Object.assign(env, {
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      KAFKA_BROKERS: stack.kafkaBrokers!.join(','),
      REDIS_URL: stack.redisUrl!,
      NATS_URL: stack.natsUrl!,
      SQS_ENDPOINT: stack.sqsEndpoint!,
      RABBITMQ_URL: stack.rabbitmqUrl!,
      PUBSUB_ENDPOINT: config.brokers.pubsub.endpoint,
    });
  }

  try {
    const child = spawn(
      process.execPath,
      // One file at a time, whatever the core count: a Kafka consumer process takes up every
      // live Kafka source in the shared test database, and must not take another file's.
      // No --test-force-exit: on Node 20 it sometimes ends a file before its later suites have
      // run, and reports the rest as passed (8 of 86 tests vanished in 1 run of 12). A file that
      // hangs after a failure is ended by the watchdog below instead, loudly.
      // check-answers.ts checks every answer the tests fetch from the API against its OpenAPI document.
      // --test-timeout bounds each file as well as each test: the endpoint-health file takes some
      // 160 s on a slow 2-core machine, so the bound is well above that.
      ['--import', 'tsx', '--import', './test/support/check-answers-preload.mjs', '--test', '--test-concurrency=1', '--test-reporter=spec', '--test-timeout=600000', ...files],
      { cwd: repoRoot, env, stdio: 'inherit' },
    );
    const stopChild = () => child.kill('SIGTERM');
    process.once('SIGINT', stopChild);
    process.once('SIGTERM', stopChild);
    const watchdog = setTimeout(() => {
      process.stderr.write(`the tests did not finish within ${WATCHDOG_MS / 60_000} minutes: a test file hangs (an open connection or process after a failure?)\n`);
      child.kill('SIGKILL');
    }, WATCHDOG_MS);
    const code = await new Promise<number>((resolve) => child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0))));
    clearTimeout(watchdog);
    return code;
  } finally {
    await stack?.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`test run failed before the tests ran: ${errorMessage(error)}\n`);
    process.exit(1);
  },
);
