import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, configVariableNames, databaseUrlOf, loadConfig, repoRoot } from '../../src/config';

describe('config', () => {
  it('has working defaults for an empty environment', () => {
    const config = loadConfig({});
    assert.deepEqual(config.http, { host: '127.0.0.1', port: 3000 });
    assert.equal(config.temporal.address, '127.0.0.1:7233');
    assert.equal(config.temporal.namespace, 'default');
    assert.deepEqual(config.brokers.kafkaBrokers, ['127.0.0.1:9092']);
    assert.equal(config.databaseUrl, undefined);
    assert.equal(databaseUrlOf(config), 'postgres://postgres@127.0.0.1:55432/switchyard');
    assert.equal(config.paths.data, path.join(repoRoot, '.switchyard', 'data'));
  });

  it('reads and converts the variables it knows', () => {
    const config = loadConfig({
      PORT: '8080',
      KAFKA_BROKERS: 'k1:9092, k2:9093',
      DATABASE_URL: 'postgresql://u:p@db:5432/hooks',
      SWITCHYARD_HOME: '/var/lib/sy',
      TEMPORAL_CLI: '  ',
    });
    assert.equal(config.http.port, 8080);
    assert.deepEqual(config.brokers.kafkaBrokers, ['k1:9092', 'k2:9093']);
    assert.equal(databaseUrlOf(config), 'postgresql://u:p@db:5432/hooks');
    assert.equal(config.paths.tools, '/var/lib/sy/tools');
    assert.equal(config.temporal.cli, undefined, 'blank means unset');
  });

  it('names every bad variable and never echoes a value', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://root:hunter2@db/x', TEMPORAL_ADDRESS: 'no-port' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.issues.join('\n');
        assert.match(text, /^PORT:/m);
        assert.match(text, /^DATABASE_URL:/m);
        assert.match(text, /^TEMPORAL_ADDRESS:/m);
        assert.doesNotMatch(error.message, /hunter2/);
        return true;
      },
    );
  });

  it('gives placeholder credentials to SQS servers that are not AWS, and takes Pub/Sub hosts that are not Google for the emulator', () => {
    const brokers = (env: Record<string, string>) => loadConfig(env).brokers;
    assert.equal(brokers({}).sqs.placeholderCredentials, true, 'the local ElasticMQ');
    assert.equal(brokers({ SQS_ENDPOINT: 'http://elasticmq:9324' }).sqs.placeholderCredentials, true, 'ElasticMQ beside the gateway');
    assert.equal(brokers({ SQS_ENDPOINT: 'https://sqs.eu-west-1.amazonaws.com' }).sqs.placeholderCredentials, false, "AWS's own: the SDK finds real ones");
    assert.equal(brokers({}).pubsub.emulator, true);
    assert.equal(brokers({ PUBSUB_ENDPOINT: 'pubsub:8085' }).pubsub.emulator, true);
    assert.equal(brokers({ PUBSUB_ENDPOINT: 'pubsub.googleapis.com' }).pubsub.emulator, false);
    assert.throws(() => loadConfig({ PUBSUB_ENDPOINT: 'http://pubsub:8085' }), /PUBSUB_ENDPOINT/, 'host:port, no scheme');
  });

  it('has email notices off unless SMTP_URL is set, with a default sender', () => {
    assert.equal(loadConfig({}).smtp, undefined);
    assert.equal(loadConfig({ SMTP_URL: ' ', NOTICE_EMAIL_FROM: 'ops@example.com' }).smtp, undefined, 'blank means unset');
    assert.deepEqual(loadConfig({ SMTP_URL: 'smtps://u:p@smtp.example.com:465' }).smtp, {
      url: 'smtps://u:p@smtp.example.com:465',
      from: 'Switchyard <switchyard@localhost>',
    });
    assert.deepEqual(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', NOTICE_EMAIL_FROM: 'Ops <ops@example.com>' }).smtp, {
      url: 'smtp://127.0.0.1:2525',
      from: 'Ops <ops@example.com>',
    });
  });

  it('refuses an SMTP_URL that is not smtp:// or smtps:// without echoing its password, and a sender without an address', () => {
    for (const SMTP_URL of ['https://user:secretpass@mail.example.com', 'mail.example.com:25', 'smtp//user:secretpass@x']) {
      assert.throws(
        () => loadConfig({ SMTP_URL }),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.issues.join('\n'), /^SMTP_URL:/m);
          assert.doesNotMatch(error.message, /secretpass/);
          return true;
        },
        SMTP_URL,
      );
    }
    assert.throws(() => loadConfig({ NOTICE_EMAIL_FROM: 'Switchyard' }), /NOTICE_EMAIL_FROM:/);
  });

  it('starts the dev server unless TEMPORAL_SERVER asks for the real one', () => {
    assert.equal(loadConfig({}).temporal.server, 'dev');
    assert.equal(loadConfig({ TEMPORAL_SERVER: 'sqlite' }).temporal.server, 'sqlite');
    assert.equal(loadConfig({ TEMPORAL_SERVER: 'postgres' }).temporal.server, 'postgres');
    assert.throws(() => loadConfig({ TEMPORAL_SERVER: 'mysql' }), /TEMPORAL_SERVER: must be dev, sqlite or postgres/);
  });

  it('lists its variable names for the docs and compose checks', () => {
    assert.ok(configVariableNames.includes('DATABASE_URL'));
    assert.ok(configVariableNames.includes('KAFKA_BROKERS'));
  });
});
