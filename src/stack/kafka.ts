/**
 * The local Kafka broker: Apache Kafka 3.9 jars from Maven Central (through the pom beside this
 * file) run as one KRaft node, broker and controller, on loopback.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ensureMavenJars, pomVersion } from './maven';
import { readyOrStopped, run, startService, type Service } from './processes';

const kafkaDir = path.join(__dirname, 'kafka');
const pomFile = path.join(kafkaDir, 'pom.xml');

/** The broker version, read from the pom so that it is written down in one place. */
export function kafkaVersion(): string {
  return pomVersion(pomFile, 'kafka');
}

/** Puts the broker's jars in `<tools>/kafka-<version>/libs`. */
export function ensureKafkaJars(toolsDir: string): Promise<string> {
  return ensureMavenJars(toolsDir, pomFile, 'kafka', 'the local Kafka broker');
}

export interface LocalKafkaOptions {
  libs: string;
  /** Folder for the node's properties and log segments; kept across restarts. */
  dataDir: string;
  /** Client port. */
  port: number;
  /** KRaft controller port; the client port's neighbour unless given. */
  controllerPort?: number;
  logFile: string;
}

export function kafkaServerProperties(options: Pick<LocalKafkaOptions, 'dataDir' | 'port' | 'controllerPort'>): string {
  const broker = `127.0.0.1:${options.port}`;
  const controller = `127.0.0.1:${options.controllerPort ?? options.port + 1}`;
  return [
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${controller}`,
    `listeners=PLAINTEXT://${broker},CONTROLLER://${controller}`,
    `advertised.listeners=PLAINTEXT://${broker}`,
    'controller.listener.names=CONTROLLER',
    'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'inter.broker.listener.name=PLAINTEXT',
    `log.dirs=${path.join(options.dataDir, 'logs')}`,
    'num.partitions=3',
    // One node: internal topics cannot have more than one replica.
    'offsets.topic.replication.factor=1',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    // Consumer groups of one member should not wait 3 s before their first assignment.
    'group.initial.rebalance.delay.ms=0',
    '',
  ].join('\n');
}

/**
 * Arguments of the storage tool's `format`. A base64url cluster id may begin with "-", which the
 * tool's parser would take for an option, hence the `--name=value` form.
 */
export function kafkaFormatArgs(clusterId: string, propertiesFile: string): string[] {
  return ['kafka.tools.StorageTool', 'format', `--cluster-id=${clusterId}`, `--config=${propertiesFile}`];
}

export async function startLocalKafka(options: LocalKafkaOptions): Promise<Service> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const propertiesFile = path.join(options.dataDir, 'server.properties');
  fs.writeFileSync(propertiesFile, kafkaServerProperties(options));
  const classpath = path.join(options.libs, '*');
  const java = ['-cp', classpath, `-Dlog4j.configuration=file:${path.join(kafkaDir, 'log4j.properties')}`];

  if (!fs.existsSync(path.join(options.dataDir, 'logs', 'meta.properties'))) {
    const clusterId = crypto.randomBytes(16).toString('base64url');
    await run('java', [...java, ...kafkaFormatArgs(clusterId, propertiesFile)]);
  }
  const service = startService('kafka', 'java', ['-Xms256m', '-Xmx512m', ...java, 'kafka.Kafka', propertiesFile], {
    logFile: options.logFile,
  });
  return readyOrStopped(service, 'Kafka', () => isKafkaReady([`127.0.0.1:${options.port}`]), 90_000);
}

/** True when a broker answers a metadata request. */
export async function isKafkaReady(brokers: string[]): Promise<boolean> {
  const kafka = new Kafka({ clientId: 'switchyard-probe', brokers, logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 1_000 });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
