/** Scripted DescribeServices answers for rollout watcher tests: deployments, services, a source. */
import {
  ok,
  type DeploymentView,
  type Result,
  type RolloutSource,
  type ServiceView,
} from '../../../client/src/aws/deploy/types';

export const TD = (n: number): string => `arn:aws:ecs:eu-west-1:123456789012:task-definition/web:${n}`;

export function deployment(
  id: string,
  status: string,
  revision: number,
  rolloutState: string,
  extra: Partial<DeploymentView> = {},
): DeploymentView {
  return {
    id,
    status,
    taskDefinition: TD(revision),
    desiredCount: 2,
    pendingCount: 0,
    runningCount: 0,
    failedTasks: 0,
    rolloutState,
    ...extra,
  };
}

export function service(
  deployments: DeploymentView[],
  events: string[] = [],
  extra: Partial<ServiceView> = {},
): ServiceView {
  return {
    serviceName: 'web',
    serviceArn: 'arn:aws:ecs:eu-west-1:123456789012:service/prod/web',
    clusterArn: 'arn:aws:ecs:eu-west-1:123456789012:cluster/prod',
    status: 'ACTIVE',
    taskDefinition: deployments[0]?.taskDefinition ?? '',
    desiredCount: 2,
    runningCount: 2,
    pendingCount: 0,
    deployments,
    events: events.map((message, i) => ({ id: `${message}-${i}`, message, createdAt: new Date() })),
    deploymentController: 'ECS',
    circuitBreaker: { enable: true, rollback: true },
    ...extra,
  };
}

/** A source that answers DescribeServices from a script, one answer per poll (the last repeats). */
export function scripted(answers: Result<ServiceView>[]): RolloutSource & { polls: number } {
  const source = {
    polls: 0,
    describeService: () =>
      Promise.resolve(answers[Math.min(source.polls++, answers.length - 1)] as Result<ServiceView>),
    listStoppedTasks: () => Promise.resolve(ok<string[]>([])),
    describeTasks: () => Promise.resolve(ok([])),
  };
  return source;
}

export const options = { cluster: 'prod', service: 'web', intervalMs: 1, maxBackoffMs: 5 };
