/**
 * `switchyard dev`: the whole gateway on one machine, in one process tree. Provisions and starts
 * PostgreSQL, Temporal (and the brokers asked for: --kafka, --redis, --nats, --sqs, --rabbitmq,
 * --pubsub, or
 * --brokers for all), applies migrations, runs the API and a worker in
 * this process (`serve`), proves a workflow goes through, and prints where everything is.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BROKERS } from '../brokers/source-schema';
import type { Config } from '../config';
import { createPool, type Db } from '../db/pool';
import { LOOPBACK_CIDRS } from '../egress/address-policy';
import { log } from '../log';
import { newEncryptionKeyEntry, parseEncryptionKeys, type EncryptionKey } from '../secrets/sealing';
import { authenticateApiKey } from '../projects/api-keys-repository';
import { createProject, updateOperatorSettings } from '../projects/repository';
import { startStack, type LocalBrokers } from '../stack/stack';
import { createTemporalClient } from '../temporal/client';
import { selfCheckWorkflow } from '../../workflows';
import { runMigrations } from './migrate';
import type { Running } from './running';
import { runServe } from './serve';

export type DevOptions = LocalBrokers;

/**
 * The dev project's API key, kept in the data folder so every run prints the same one. A key the
 * database no longer knows (the cluster was wiped) is replaced, with a new project.
 */
async function devApiKey(config: Config, db: Db): Promise<string> {
  const file = path.join(config.paths.data, 'dev-api-key');
  const saved = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : '';
  if (saved && (await authenticateApiKey(db, saved))) return saved;
  const { project, apiKey } = await createProject(db, 'dev');
  // A local stack's one project may read every topic, stream and queue of the local brokers.
  await updateOperatorSettings(db, project.id, { brokerPrefixes: Object.fromEntries(BROKERS.map((broker) => [broker, ['']])) });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${apiKey}\n`, { mode: 0o600 });
  return apiKey;
}

/**
 * SWITCHYARD_ENCRYPTION_KEYS if set; otherwise a key made on the first run and kept in the data
 * folder (mode 0600), beside the database whose secrets it seals.
 */
function devEncryptionKeys(config: Config): EncryptionKey[] {
  if (config.encryptionKeys) return config.encryptionKeys;
  const file = path.join(config.paths.data, 'encryption-keys');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${newEncryptionKeyEntry(`dev-${new Date().toISOString().slice(0, 10)}`)}\n`, { mode: 0o600 });
  }
  const keys = parseEncryptionKeys(fs.readFileSync(file, 'utf8').trim());
  if ('error' in keys) throw new Error(`${file}: ${keys.error}`);
  return keys;
}

/** SWITCHYARD_ADMIN_KEY if set; otherwise one made on the first run and kept in the data folder. */
function devAdminKey(config: Config): string {
  if (config.adminKey) return config.adminKey;
  const file = path.join(config.paths.data, 'admin-key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const key = `sk_admin_${crypto.randomBytes(32).toString('base64url')}`;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

async function runSelfCheck(config: Config): Promise<number> {
  const { client, connection } = createTemporalClient(config);
  try {
    const result = await client.workflow.execute(selfCheckWorkflow, {
      taskQueue: config.temporal.taskQueue,
      workflowId: `self-check/${new Date().toISOString()}`,
      workflowExecutionTimeout: '1 minute',
    });
    return result.schemaVersion;
  } finally {
    await connection.close();
  }
}

export async function runDev(baseConfig: Config, options: DevOptions): Promise<Running> {
  const started = Date.now();
  const stack = await startStack(baseConfig, { ...options, ephemeral: false });
  // From here on every part talks to the database the stack settled on.
  const encryptionKeys = devEncryptionKeys(baseConfig);
  const config: Config = {
    ...baseConfig,
    databaseUrl: stack.databaseUrl,
    adminKey: devAdminKey(baseConfig),
    encryptionKeys,
    // Local receivers are what one tries first on a development machine.
    egressAllow: baseConfig.egressAllow ?? LOOPBACK_CIDRS,
  };
  const egress = config.egressAllow ?? [];
  const parts: Running[] = [];
  const stop = async () => {
    for (const part of parts.reverse()) await part.stop().catch((error) => log.warn('stop failed', { error: String(error) }));
    await stack.stop();
  };
  try {
    await runMigrations(config);
    const db = createPool(stack.databaseUrl);
    parts.push({ stop: () => db.end() });
    const apiKey = await devApiKey(config, db);
    const gateway = await runServe(config, { db });
    parts.push(gateway);
    const schemaVersion = await runSelfCheck(config);

    const lines = [
      '',
      `Switchyard is running (ready in ${((Date.now() - started) / 1000).toFixed(1)}s; self-check workflow saw schema version ${schemaVersion}).`,
      '',
      `  API          ${gateway.url}   (GET /healthz, GET /readyz${config.metrics.enabled ? ', GET /metrics' : ''})`,
      `  Temporal UI  ${stack.temporalUiUrl ?? '(not a local dev server; use your own UI)'}`,
      `  Temporal     ${stack.temporalAddress}, namespace ${config.temporal.namespace}, task queue ${config.temporal.taskQueue}`,
      `  PostgreSQL   ${stack.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}`,
      ...(stack.kafkaBrokers ? [`  Kafka        ${stack.kafkaBrokers.join(',')}`] : []),
      ...(stack.redisUrl ? [`  Redis        ${stack.redisUrl}`] : []),
      ...(stack.natsUrl ? [`  NATS         ${stack.natsUrl}`] : []),
      ...(stack.sqsEndpoint ? [`  SQS          ${stack.sqsEndpoint}`] : []),
      ...(stack.rabbitmqUrl ? [`  RabbitMQ     amqp://${new URL(stack.rabbitmqUrl).host}`] : []),
      ...(stack.pubsubEndpoint ? [`  Pub/Sub      ${stack.pubsubEndpoint} (project ${config.brokers.pubsub.project})`] : []),
      `  Logs         ${path.join(config.paths.data, 'logs')}`,
      `  Secrets      sealed under key ${encryptionKeys[0]?.id}   (${baseConfig.encryptionKeys ? 'SWITCHYARD_ENCRYPTION_KEYS' : path.join(config.paths.data, 'encryption-keys')})`,
      `  Egress       public addresses${egress.length > 0 ? ` and ${egress.join(', ')}` : ' only'}   (SWITCHYARD_EGRESS_ALLOW${baseConfig.egressAllow ? '' : '; dev opens loopback'})`,
      ...(config.egressProxy ? [`  Egress proxy ${config.egressProxy.display}   (SWITCHYARD_EGRESS_PROXY)`] : []),
      `  Dev API key  ${apiKey}   (project "dev")`,
      `  Admin key    ${config.adminKey}   (/v1/projects: make projects, set their limits)`,
      '',
      'Try:',
      `  curl -s -H "Authorization: Bearer ${apiKey}" ${gateway.url}/v1/project`,
      '',
      'Ctrl-C stops everything.',
      '',
    ];
    process.stdout.write(lines.join('\n'));
    return { stop, ended: gateway.ended };
  } catch (error) {
    await stop();
    throw error;
  }
}
