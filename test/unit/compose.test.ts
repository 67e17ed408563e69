/**
 * Docker does not run on our machines, so docker-compose.yml cannot be brought up in a test.
 * This checks it against the code instead: the services exist, the gateway's environment holds
 * only variables the config module reads and parses with it, and every address points at a
 * service that listens there.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { commands } from '../../src/commands';
import { configVariableNames, loadConfig, repoRoot } from '../../src/config';
import { newEncryptionKeyEntry } from '../../src/secrets/sealing';
import { kafkaVersion } from '../../src/stack/kafka';
import { hostPort } from '../../src/stack/processes';

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
}

const compose = parse(fs.readFileSync(path.join(repoRoot, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, Service>;
};
const services = compose.services;
const gateway = ['migrate', 'api', 'worker'] as const;

/**
 * What Compose hands the container: `${VAR:?message}` (a value the operator must give, or Compose
 * refuses to start) stands in for a value of the operator's, here a sample one.
 */
const operatorValues: Record<string, string> = {
  SWITCHYARD_ADMIN_KEY: 'a'.repeat(32),
  SWITCHYARD_ENCRYPTION_KEYS: newEncryptionKeyEntry('compose'),
};
function interpolated(env: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => {
      const required = /^\$\{(\w+):\?[^}]*\}$/.exec(value);
      assert.ok(!required || operatorValues[required[1]!], `a sample value for ${name}`);
      return [name, required ? operatorValues[required[1]!]! : value];
    }),
  );
}

/** Container-side ports a service publishes ("host:container"). */
function containerPorts(service: Service): number[] {
  return (service.ports ?? []).map((mapping) => Number(mapping.split(':').at(-1)));
}

describe('docker-compose.yml', () => {
  it('has the services a full deployment needs', () => {
    for (const name of ['postgres', 'temporal-schema', 'temporal', 'temporal-ui', 'kafka', ...gateway]) {
      assert.ok(services[name], `service ${name}`);
    }
    assert.equal(services.temporal!.environment!.DB, 'postgres12', 'Temporal persists to PostgreSQL');
    assert.equal(services.temporal!.depends_on!['temporal-schema']!.condition, 'service_completed_successfully');
    assert.match(services.kafka!.image!, new RegExp(`^apache/kafka:${kafkaVersion().split('.').slice(0, 2).join('\\.')}\\.`));
    assert.equal(services.kafka!.environment!.KAFKA_PROCESS_ROLES, 'broker,controller', 'KRaft, no ZooKeeper');
  });

  it('builds the gateway from the Dockerfile and runs real CLI commands', () => {
    const dockerfile = fs.readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    assert.match(dockerfile, /ENTRYPOINT \["node", "src\/launcher\.mjs"\]/);
    assert.match(dockerfile, /\.switchyard-lock-digest/, 'the image never reinstalls at start-up');
    for (const name of gateway) {
      assert.equal(services[name]!.build, '.');
      assert.ok(services[name]!.command![0]! in commands, `${name} runs \`switchyard ${services[name]!.command![0]}\``);
    }
    assert.equal(services.api!.depends_on!.migrate!.condition, 'service_completed_successfully');
    assert.equal(services.worker!.depends_on!.migrate!.condition, 'service_completed_successfully');
  });

  for (const name of gateway) {
    it(`gives ${name} only variables the config module reads, and values it accepts`, () => {
      const env = services[name]!.environment!;
      for (const variable of Object.keys(env)) assert.ok(configVariableNames.includes(variable as never), `${variable} is read by src/config.ts`);
      assert.match(env.SWITCHYARD_ENCRYPTION_KEYS ?? '', /^\$\{SWITCHYARD_ENCRYPTION_KEYS:\?/, 'the operator must give the keys: Compose refuses to start without them');
      const config = loadConfig(interpolated(env));

      const db = new URL(config.databaseUrl!);
      assert.ok(services[db.hostname], `DATABASE_URL host ${db.hostname} is a service`);
      assert.ok(containerPorts(services[db.hostname]!).includes(Number(db.port)), 'PostgreSQL listens on the DATABASE_URL port');
      assert.equal(db.pathname.slice(1), services[db.hostname]!.environment!.POSTGRES_DB, 'the database is created by the image');

      const temporal = hostPort(config.temporal.address);
      assert.ok(containerPorts(services[temporal.host]!).includes(temporal.port), 'Temporal listens on TEMPORAL_ADDRESS');
      assert.equal(services['temporal-ui']!.environment!.TEMPORAL_ADDRESS, config.temporal.address);

      const advertised = services.kafka!.environment!.KAFKA_ADVERTISED_LISTENERS!.split(',').map((l) => l.split('://')[1]);
      for (const broker of config.brokers.kafkaBrokers) assert.ok(advertised.includes(broker), `${broker} is an advertised Kafka listener`);

      // Each other broker is a service of the brokers profile, listening where the gateway looks.
      const { redisUrl, natsUrl, sqs, rabbitmqUrl, pubsub } = config.brokers;
      for (const url of [redisUrl, natsUrl, sqs.endpoint, rabbitmqUrl, `http://${pubsub.endpoint}`].map((u) => new URL(u))) {
        const service = services[url.hostname];
        assert.ok(service, `${url.hostname} is a service`);
        assert.deepEqual(service.profiles, ['brokers'], `${url.hostname} comes up only when asked for`);
        assert.ok(containerPorts(service).includes(Number(url.port)), `${url.hostname} listens on ${url.port}`);
      }
      assert.equal(sqs.placeholderCredentials, true, 'ElasticMQ is not AWS');
      assert.equal(pubsub.emulator, true);
    });
  }

  it('publishes the API on the port it listens on, on all interfaces', () => {
    const config = loadConfig(interpolated(services.api!.environment!));
    assert.equal(config.http.host, '0.0.0.0');
    assert.ok(services.api!.ports!.includes(`${config.http.port}:${config.http.port}`));
    assert.ok(services['temporal-ui']!.ports!.some((mapping) => mapping.startsWith(`${loadConfig({}).temporal.uiPort}:`)), 'the Web UI is where `dev` puts it');
  });
});
