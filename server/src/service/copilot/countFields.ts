/**
 * Copilot manifest fields of how many tasks run and how they are replaced: `count` (a number, or
 * auto scaling with a range and targets) and `deployment` (rolling strategy, rollback alarms).
 */
import type { CopilotField, CopilotShape } from './schema';
import { duration, field, int, listOf, object, oneOf, rejected, str } from './schema';

// ---- count and auto scaling ----------------------------------------------------------------------------

const scalingValue = oneOf(
  int,
  object('ScalingTarget', {
    value: field(int, 'Target value of the metric.'),
    cooldown: field(cooldownShape(), 'Cooldowns of this target.'),
  }),
);
function cooldownShape(): CopilotShape {
  return object('Cooldown', {
    in: field(duration, 'Wait after a scale-in before another scale-in.'),
    out: field(duration, 'Wait after a scale-out before another scale-out.'),
  });
}
export const range = field(
  oneOf(
    str,
    object('Range', {
      min: field(int, 'Minimum number of tasks.'),
      max: field(int, 'Maximum number of tasks.'),
      spot_from: field(int, 'Tasks beyond this count run on Fargate Spot.'),
    }),
  ),
  'Number of tasks to scale between: `min-max` (e.g. `1-10`) or a map with `min`, `max`, `spot_from`.',
);
/**
 * Autoscaling fields each workload type may use (Copilot's AdvancedCount.validScalingFields,
 * internal/pkg/manifest/svc.go:280 at v1.33.2); the others are rejected by AdvancedCount.validate
 * (validate.go:1210). A Scheduled Job has none: any `count` map is rejected.
 */
const SCALING_FIELDS: Readonly<Record<string, readonly string[]>> = {
  'Load Balanced Web Service': ['cpu_percentage', 'memory_percentage', 'requests', 'response_time'],
  'Backend Service': ['cpu_percentage', 'memory_percentage', 'requests', 'response_time'],
  'Worker Service': ['cpu_percentage', 'memory_percentage', 'queue_delay'],
  'Scheduled Job': [],
};
const AUTOSCALING = ['cpu_percentage', 'memory_percentage', 'requests', 'response_time', 'queue_delay'];

/**
 * `count`: Copilot reads the same AdvancedCount map for every ECS workload; the scaling targets a
 * type may not use are marked rejected (ECS511).
 */
export function countShape(type: keyof typeof SCALING_FIELDS): CopilotField {
  const fields: Record<string, CopilotField> = {
    range,
    cooldown: field(cooldownShape(), 'Default cooldowns of every scaling target.'),
    cpu_percentage: field(scalingValue, 'Target average CPU utilization (%).'),
    memory_percentage: field(scalingValue, 'Target average memory utilization (%).'),
    spot: field(int, 'Number of tasks to run on Fargate Spot; exclusive with autoscaling.'),
    requests: field(
      scalingValue,
      'Target number of requests per task (Load Balanced Web and Backend Services).',
    ),
    response_time: field(
      oneOf(
        duration,
        object('ResponseTime', {
          value: field(duration, 'Target average response time.'),
          cooldown: field(cooldownShape(), 'Cooldowns of this target.'),
        }),
      ),
      'Target average response time (Load Balanced Web and Backend Services).',
    ),
    queue_delay: field(
      object('QueueDelay', {
        acceptable_latency: field(duration, 'How long a message may wait in the queue.'),
        msg_processing_time: field(duration, 'How long one message takes to process.'),
        cooldown: field(cooldownShape(), 'Cooldowns of this target.'),
      }),
      'Scales on the queue backlog per task (Worker Service only).',
    ),
  };
  const valid = SCALING_FIELDS[type] ?? [];
  for (const [name, f] of Object.entries(fields)) {
    if (valid.length === 0)
      fields[name] = rejected(
        f,
        `A ${type} has no autoscaling: Copilot rejects \`count.${name}\` (only a number of tasks).`,
      );
    else if (AUTOSCALING.includes(name) && !valid.includes(name))
      fields[name] = rejected(
        f,
        `\`count.${name}\` is not an autoscaling target of a ${type}: Copilot rejects it; use ${valid.join(', ')}.`,
      );
  }
  return field(
    oneOf(int, object('Count', fields)),
    'Number of tasks: a number, or autoscaling with `range` and targets.',
  );
}

export function deploymentShape(worker: boolean): CopilotField {
  const alarms: Record<string, CopilotField> = {
    cpu_utilization: field(
      { kind: 'number' },
      'Roll back when average CPU utilization exceeds this percentage.',
    ),
    memory_utilization: field(
      { kind: 'number' },
      'Roll back when average memory utilization exceeds this percentage.',
    ),
  };
  if (worker) alarms.messages_delayed = field(int, 'Roll back when this many messages wait in the queue.');
  return field(
    object('Deployment', {
      rolling: field(
        { kind: 'enum', values: ['default', 'recreate'], caseInsensitive: true },
        '`recreate` stops all old tasks before starting new ones.',
      ),
      rollback_alarms: field(
        oneOf(listOf(str), object('RollbackAlarms', alarms)),
        'CloudWatch alarm names, or thresholds, that roll a deployment back.',
      ),
    }),
    'Deployment strategy.',
  );
}
