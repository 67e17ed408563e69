/** Creating a test's Kafka topic and waiting until every partition has a leader. */
import type { Kafka } from 'kafkajs';
import { eventually } from './receiver';

/**
 * kafkajs's own wait for the leaders (`waitForLeaders`, on by default) can give up with
 * UNKNOWN_TOPIC_OR_PARTITION, a retriable error, while the broker's metadata catches up on a
 * busy machine: the wait is done here instead, by asking until every partition has a leader.
 */
export async function createTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: false });
    await eventually(`topic ${topic} to have a leader for each partition`, async () => {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
      const found = metadata?.topics[0]?.partitions ?? [];
      return found.length === partitions && found.every((partition) => partition.leader >= 0) ? true : undefined;
    });
  } finally {
    await admin.disconnect();
  }
}
