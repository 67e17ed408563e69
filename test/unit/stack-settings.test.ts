import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { elasticMqConfig } from '../../src/stack/elasticmq';
import { kafkaFormatArgs, kafkaServerProperties, kafkaVersion } from '../../src/stack/kafka';
import { rabbitmqEnvironment } from '../../src/stack/rabbitmq';
import { hostPort, isLoopback } from '../../src/stack/processes';
import { DEV_SERVER_LEVER_NAMES, temporalDevServerArgs, temporalDevServerEnv } from '../../src/stack/temporal';

describe('local stack settings', () => {
  it('runs the Temporal dev server on SQLite with WAL and eager activities', () => {
    const args = temporalDevServerArgs({ cli: 't', namespace: 'default', port: 7233, uiPort: 8233, dbFile: '/d/t.db', logFile: '/l' });
    const pairs = args.map((arg, i) => `${arg} ${args[i + 1]}`);
    assert.ok(pairs.includes('--db-filename /d/t.db'));
    assert.ok(pairs.includes('--sqlite-pragma journal_mode=wal'));
    assert.ok(pairs.includes('--dynamic-config-value system.enableActivityEagerExecution=true'));
    assert.ok(pairs.includes('--ip 127.0.0.1'));
    assert.ok(pairs.includes('--ui-port 8233'));
    const inMemory = temporalDevServerArgs({ cli: 't', namespace: 'default', port: 7233, uiPort: 8233, dbFile: undefined, logFile: '/l' });
    assert.ok(!inMemory.includes('--db-filename'));
    assert.ok(!inMemory.includes('--namespace'), 'default always exists');
    const named = temporalDevServerArgs({ cli: 't', namespace: 'hooks', port: 7233, uiPort: 8233, dbFile: undefined, logFile: '/l' });
    assert.ok(named.join(' ').includes('--namespace hooks'));
  });

  it('tunes the dev server unless told not to, registering the search attributes at start', () => {
    const options = { cli: 't', namespace: 'default', port: 7233, uiPort: 8233, dbFile: '/d/t.db', logFile: '/l' };
    const pairs = (args: string[]) => args.map((arg, i) => `${arg} ${args[i + 1]}`);
    const tuned = pairs(temporalDevServerArgs(options));
    assert.ok(tuned.includes('--dynamic-config-value system.forceSearchAttributesCacheRefreshOnRead=false'));
    assert.ok(!tuned.some((pair) => pair.includes('visibilityProcessorMaxPollRPS')), 'it slowed paced deliveries');
    assert.ok(tuned.includes('--dynamic-config-value matching.numTaskqueueWritePartitions=1'));
    for (const name of ['ProjectId', 'EndpointId', 'EventType', 'EventId', 'DeliveryStatus']) assert.ok(tuned.includes(`--search-attribute ${name}=Keyword`), name);
    const plain = temporalDevServerArgs({ ...options, levers: [] }).join(' ');
    assert.ok(!plain.includes('forceSearchAttributesCacheRefreshOnRead'));
    assert.ok(!plain.includes('--search-attribute'));
    assert.ok(plain.includes('journal_mode=wal'), 'durability settings are not tuning');
    assert.ok(!tuned.some((pair) => /synchronous=(off|0)/i.test(pair)), 'no lever weakens durability');
    const withoutGc = temporalDevServerEnv({ ...options, levers: DEV_SERVER_LEVER_NAMES.filter((lever) => lever !== 'gc') });
    assert.equal(withoutGc.GOGC, process.env.GOGC);
    assert.equal(temporalDevServerEnv(options).GOGC, '200');
  });

  it('runs Kafka 3.9 as one KRaft node on loopback', () => {
    assert.match(kafkaVersion(), /^3\.9\.\d+$/);
    const props = Object.fromEntries(
      kafkaServerProperties({ dataDir: '/k', port: 9092 })
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(/=(.*)/s).slice(0, 2) as [string, string]),
    );
    assert.equal(props['process.roles'], 'broker,controller');
    assert.equal(props['controller.quorum.voters'], '1@127.0.0.1:9093');
    assert.equal(props['advertised.listeners'], 'PLAINTEXT://127.0.0.1:9092');
    assert.equal(props['offsets.topic.replication.factor'], '1');
    assert.equal(props['log.dirs'], '/k/logs');
  });

  it('formats Kafka storage with any cluster id, even one that looks like an option', () => {
    const args = kafkaFormatArgs('-BAL1s55Rhyu4482YPGqKw', '/k/server.properties');
    assert.ok(args.includes('--cluster-id=-BAL1s55Rhyu4482YPGqKw'));
    assert.ok(!args.includes('-BAL1s55Rhyu4482YPGqKw'), 'never a separate argument the parser could take for a flag');
  });

  it('runs ElasticMQ and RabbitMQ on loopback only, keeping their data in the folder given', () => {
    const conf = elasticMqConfig({ dataDir: '/data/sqs', port: 9324 });
    assert.match(conf, /bind-hostname = "127\.0\.0\.1"/);
    assert.match(conf, /bind-port = 9324/);
    assert.match(conf, /queues-storage \{ enabled = true, path = "\/data\/sqs\/queues\.conf" \}/);
    assert.match(conf, /messages-storage \{ enabled = true, uri = "jdbc:h2:\/data\/sqs\/messages" \}/);

    const env = rabbitmqEnvironment({ dataDir: '/data/rabbit', port: 5672 });
    assert.equal(env.RABBITMQ_NODE_IP_ADDRESS, '127.0.0.1');
    assert.equal(env.ERL_EPMD_ADDRESS, '127.0.0.1');
    assert.match(env.RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS!, /inet_dist_use_interface \{127,0,0,1\}/);
    assert.deepEqual([env.RABBITMQ_NODE_PORT, env.ERL_EPMD_PORT, env.RABBITMQ_DIST_PORT], ['5672', '15672', '25672']);
    assert.equal(env.RABBITMQ_NODENAME, 'switchyard-5672@localhost', 'one name per port: its stored data is the node\'s');
    assert.equal(rabbitmqEnvironment({ dataDir: '/d', port: 50000, epmdPort: 40001, distPort: 40002 }).RABBITMQ_DIST_PORT, '40002');
    assert.ok(Object.values(env).every((value) => !value.includes('/data/') || value.startsWith('/data/rabbit/')));
  });

  it('starts only services that would live on this machine', () => {
    assert.deepEqual(hostPort('127.0.0.1:7233'), { host: '127.0.0.1', port: 7233 });
    assert.ok(isLoopback('localhost'));
    assert.ok(isLoopback('127.0.0.2'));
    assert.ok(!isLoopback('temporal'));
    assert.ok(!isLoopback('10.0.0.5'));
  });
});
