/** Copilot manifest fields of the Worker Service queue: `subscribe` with its topics and SQS queues. */
import type { CopilotField } from './schema';
import { any, bool, duration, enumOf, field, int, listOf, mapOf, object, oneOf, str } from './schema';

// ---- queues (Worker Service) ------------------------------------------------------------------------------

const fifoQueue = oneOf(
  bool,
  object('FIFOQueue', {
    content_based_deduplication: field(bool, 'Deduplicate messages by content.'),
    deduplication_scope: field(
      enumOf('messageGroup', 'queue'),
      'Whether deduplication applies per message group or per queue.',
    ),
    throughput_limit: field(
      enumOf('perMessageGroupId', 'perQueue'),
      'Whether the FIFO throughput quota applies per message group ID or per queue.',
    ),
    high_throughput: field(bool, 'High throughput FIFO queue.'),
  }),
);
export function queueFields(): Record<string, CopilotField> {
  return {
    retention: field(duration, 'How long a message stays in the queue (default 4 days).'),
    delay: field(duration, 'Delivery delay of new messages.'),
    timeout: field(duration, 'Visibility timeout of received messages.'),
    dead_letter: field(
      object('DeadLetterQueue', {
        tries: field(int, 'Receives before a message goes to the dead-letter queue.'),
      }),
      'Dead-letter queue.',
    ),
    fifo: field(fifoQueue, 'Makes the queue a FIFO queue.'),
  };
}
export const subscribe = field(
  object('Subscribe', {
    topics: field(
      listOf(
        object('TopicSubscription', {
          name: field(str, 'Name of the topic.', true),
          service: field(str, 'Service that publishes the topic.', true),
          filter_policy: field(mapOf('FilterPolicy', any), 'SNS filter policy of the subscription.'),
          queue: field(
            oneOf(bool, object('TopicQueue', queueFields())),
            '`true` for a dedicated queue, or its settings.',
          ),
        }),
      ),
      'Topics of other services this worker subscribes to.',
    ),
    queue: field(object('Queue', queueFields()), 'Settings of the shared queue (`COPILOT_QUEUE_URI`).'),
  }),
  'SNS topics to subscribe to and the SQS queue the messages arrive in.',
);
