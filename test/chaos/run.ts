/**
 * `npm run chaos`: the long chaos run (chaos.ts) with every broker this machine has, its figures
 * printed at the end; it exits 1 on any loss or any delivery left unfinished. The brokers that are
 * not killed (Redis, NATS, SQS, RabbitMQ, Pub/Sub) come from the local stack, reused or started.
 *
 *   npm run chaos                        ten minutes of load, a fault every 30 s
 *   npm run chaos -- --minutes 30        longer
 */
import { loadConfig } from '../../src/config';
import { LOOPBACK_CIDRS } from '../../src/egress/address-policy';
import { configureLogging, errorMessage } from '../../src/log';
import { findPubsubEmulator } from '../../src/stack/pubsub';
import { startStack } from '../../src/stack/stack';
import { newEncryptionKeyEntry } from '../../src/secrets/sealing';
import { describeReport, runChaos } from './chaos';

async function main(args: string[]): Promise<number> {
  const at = args.indexOf('--minutes');
  const minutes = at >= 0 ? Number(args[at + 1]) : 10;
  if (!(minutes > 0)) throw new Error('--minutes takes a number of minutes');
  process.env.SWITCHYARD_EGRESS_ALLOW ??= LOOPBACK_CIDRS.join(',');
  process.env.METADATA_SERVER_DETECTION = 'none';
  process.env.SWITCHYARD_ENCRYPTION_KEYS ??= newEncryptionKeyEntry('chaos');
  const config = loadConfig();
  configureLogging(config.logLevel, config.logFormat ?? 'pretty');
  const stack = await startStack(config, { redis: true, nats: true, sqs: true, rabbitmq: true, pubsub: findPubsubEmulator() !== undefined, ephemeral: true });
  // The brokers' test clients read their settings as the tests do, from the environment.
  const brokers = {
    DATABASE_URL: stack.databaseUrl,
    REDIS_URL: stack.redisUrl,
    NATS_URL: stack.natsUrl,
    SQS_ENDPOINT: stack.sqsEndpoint,
    RABBITMQ_URL: stack.rabbitmqUrl,
    ...(stack.pubsubEndpoint && { PUBSUB_ENDPOINT: config.brokers.pubsub.endpoint }),
  };
  Object.assign(process.env, brokers);
  try {
    const report = await runChaos({
      loadMs: minutes * 60_000,
      faultEveryMs: 30_000,
      downMs: 5_000,
      drainTimeoutMs: 10 * 60_000,
      rates: { http: 5, inbound: 1, kafka: 3, broker: 1 },
      env: brokers,
      say: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
    });
    process.stdout.write(`\n${describeReport(report).join('\n')}\n`);
    return report.lost.length === 0 && Object.keys(report.stuck).length === 0 && report.drainMs !== null ? 0 : 1;
  } finally {
    await stack.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`the chaos run failed: ${errorMessage(error)}\n`);
    process.exit(1);
  },
);
