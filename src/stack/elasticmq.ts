/**
 * A private SQS for development and tests (broker sources on SQS): ElasticMQ's jars from Maven
 * Central (through the pom beside this file), on loopback only, its queues and messages kept in
 * a folder of our own so they survive a restart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureMavenJars } from './maven';
import { answersHttp, readyOrStopped, startService, type Service } from './processes';

const pomFile = path.join(__dirname, 'elasticmq', 'pom.xml');

/** Puts ElasticMQ's jars in `<tools>/elasticmq-<version>/libs`. */
export function ensureElasticMqJars(toolsDir: string): Promise<string> {
  return ensureMavenJars(toolsDir, pomFile, 'elasticmq', 'the local SQS (ElasticMQ)');
}

/** Whether an SQS endpoint answers a request (ElasticMQ takes its query protocol without a signature). */
export function isSqsReady(endpoint: string): Promise<boolean> {
  return answersHttp(new URL('/?Action=ListQueues', endpoint).href);
}

export interface LocalElasticMqOptions {
  libs: string;
  dataDir: string;
  port: number;
  logFile: string;
}

/** The server's configuration: loopback, SQS's limits enforced, queues and messages on disk. */
export function elasticMqConfig(options: Pick<LocalElasticMqOptions, 'dataDir' | 'port'>): string {
  const quoted = (value: string) => JSON.stringify(value);
  return [
    'include classpath("application.conf")',
    `node-address { protocol = http, host = "127.0.0.1", port = ${options.port}, context-path = "" }`,
    `rest-sqs { enabled = true, bind-port = ${options.port}, bind-hostname = "127.0.0.1", sqs-limits = strict }`,
    'rest-stats { enabled = false }',
    `queues-storage { enabled = true, path = ${quoted(path.join(options.dataDir, 'queues.conf'))} }`,
    `messages-storage { enabled = true, uri = ${quoted(`jdbc:h2:${path.join(options.dataDir, 'messages')}`)} }`,
    '',
  ].join('\n');
}

export async function startLocalElasticMq(options: LocalElasticMqOptions): Promise<Service> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const configFile = path.join(options.dataDir, 'elasticmq.conf');
  fs.writeFileSync(configFile, elasticMqConfig(options));
  const service = startService('elasticmq', 'java', ['-Xms64m', '-Xmx256m', `-Dconfig.file=${configFile}`, '-cp', path.join(options.libs, '*'), 'org.elasticmq.server.Main'], {
    logFile: options.logFile,
  });
  return readyOrStopped(service, 'ElasticMQ', () => isSqsReady(`http://127.0.0.1:${options.port}`), 60_000);
}
