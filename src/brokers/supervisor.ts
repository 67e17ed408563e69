/**
 * The broker sources' consumers of one process: one consumer per live source, whatever its
 * broker (Kafka's are group members, kafka/group-members.ts; the others read through a channel,
 * source-consumer.ts). Every couple of seconds it reads the sources from PostgreSQL and starts,
 * replaces or stops consumers to match, so a source created, changed or deleted through the API
 * takes effect without a restart. Every few seconds it writes what each consumer is doing
 * (running or paused, throughput) for GET /v1/broker-sources/:id.
 *
 * With no sources it never connects to a broker, so a worker without brokers runs it idle.
 */
import os from 'node:os';
import type { Db } from '../db/pool';
import type { DeliveryStarter } from '../deliveries/starter';
import { errorMessage, log } from '../log';
import type { PubsubConnection, SqsConnection } from '../config';
import { openNatsChannel } from './nats/channel';
import { openPubsubChannel } from './pubsub/channel';
import { openRabbitmqChannel } from './rabbitmq/channel';
import { openRedisChannel } from './redis/channel';
import { openSqsChannel } from './sqs/channel';
import { createKafkaMembers } from './kafka/group-members';
import { startRounds } from './rounds';
import { startBrokerSourceConsumer, type BrokerChannel, type BrokerSourceConsumer } from './source-consumer';
import type { Broker } from './source-schema';
import { forgetBrokerConsumerReports, liveBrokerSources, saveBrokerConsumerReports, type BrokerSource } from './sources-repository';

/** Where the brokers are: the operator's, never a project's, so a source cannot point the gateway anywhere. */
export interface BrokerConnections {
  kafkaBrokers: string[];
  redisUrl: string;
  natsUrl: string;
  sqs: SqsConnection;
  pubsub: PubsubConnection;
  rabbitmqUrl: string;
  /** How long a consumer's unacknowledged messages sit before another consumer takes them over (NATS: the consumer's ack wait; SQS: the visibility timeout). */
  claimIdleMs: number;
}

export interface BrokerConsumers {
  stop(): Promise<void>;
}

/** A consumer is replaced (not just updated) when what it reads changes. */
function sameReading(a: BrokerSource, b: BrokerSource): boolean {
  return a.broker === b.broker && a.address === b.address && a.group === b.group;
}

export function startBrokerConsumers(connections: BrokerConnections, db: Db, starter: DeliveryStarter): BrokerConsumers {
  // The consumer's name in the brokers' groups: stable for this process, unique among processes.
  const name = `${os.hostname()}:${process.pid}`;
  const kafka = createKafkaMembers(connections.kafkaBrokers, name, db, starter);
  const throughChannel = (open: (source: BrokerSource) => Promise<BrokerChannel>) => async (source: BrokerSource) =>
    startBrokerSourceConsumer({ db, starter }, source, await open(source));
  const starters: Record<Broker, (source: BrokerSource) => Promise<BrokerSourceConsumer>> = {
    kafka: (source) => kafka.start(source),
    redis: throughChannel((source) => openRedisChannel(connections.redisUrl, source, name, connections.claimIdleMs)),
    nats: throughChannel((source) => openNatsChannel(connections.natsUrl, source, connections.claimIdleMs)),
    sqs: throughChannel((source) => openSqsChannel(connections.sqs, source, connections.claimIdleMs)),
    rabbitmq: throughChannel((source) => openRabbitmqChannel(connections.rabbitmqUrl, source)),
    pubsub: throughChannel((source) => openPubsubChannel(connections.pubsub, source)),
  };
  const members = new Map<string, { source: BrokerSource; consumer: BrokerSourceConsumer }>();
  const crashed = new Set<string>();
  let stopping = false;

  async function stopMember(id: string): Promise<void> {
    const member = members.get(id);
    members.delete(id);
    crashed.delete(id);
    await member?.consumer.stop().catch((error) => log.warn('broker consumer did not stop cleanly', { source: id, error: errorMessage(error) }));
  }

  async function refresh(): Promise<void> {
    const live = new Map((await liveBrokerSources(db)).map((source) => [source.id, source]));
    for (const [id, member] of members) {
      const wanted = live.get(id);
      if (!wanted || crashed.has(id) || !sameReading(member.source, wanted)) await stopMember(id);
      else if (wanted.version !== member.source.version) {
        member.consumer.update(wanted);
        member.source = wanted;
      }
    }
    for (const [id, source] of live) {
      if (stopping) return;
      if (members.has(id)) continue;
      // One source that cannot start (its broker down) must not hold up the others: next round.
      try {
        const consumer = await starters[source.broker](source);
        members.set(id, { source, consumer });
        // Marked only while it is still the member: one that crashed and was replaced is gone.
        void consumer.crashed?.then(() => {
          if (members.get(id)?.consumer === consumer) crashed.add(id);
        });
      } catch (error) {
        log.warn('broker source could not start; retrying', { source: id, broker: source.broker, error: errorMessage(error) });
      }
    }
  }

  async function report(): Promise<void> {
    const now = Date.now();
    await saveBrokerConsumerReports(
      db,
      name,
      [...members.entries()].map(([sourceId, member]) => ({ sourceId, report: member.consumer.report(now) })),
    );
  }

  const rounds = startRounds('broker', refresh, report);

  return {
    async stop() {
      stopping = true;
      await rounds.stop();
      await Promise.all([...members.keys()].map(stopMember));
      await kafka.close();
      // Gone, not silent: the API stops listing this process at once.
      await forgetBrokerConsumerReports(db, name).catch(() => undefined);
    },
  };
}
