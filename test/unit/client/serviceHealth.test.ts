import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Service } from '../../../client/src/aws/gateway';
import { FAILURE_WINDOW_MS, serviceHealth } from '../../../client/src/views/explorer/health';

const NOW = Date.parse('2026-12-02T15:00:00Z');
// ECS's event when no container instance fits (Amazon ECS service event messages).
const UNPLACED =
  '(service analytics) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance a087eaf300b349c98706c4ebfb2627fd) has insufficient memory available. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';

function service(running: number, desired: number, events: { message: string; ageMs: number }[]): Service {
  return {
    arn: 'arn:aws:ecs:us-east-1:123456789012:service/staging/analytics',
    name: 'analytics',
    clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/staging',
    status: 'ACTIVE',
    desiredCount: desired,
    runningCount: running,
    pendingCount: 0,
    launchType: 'EC2',
    capacityProviders: [],
    taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/analytics:1',
    // A first deployment still IN_PROGRESS, as ECS leaves it while nothing can be placed.
    deployments: [
      {
        id: 'ecs-svc/1',
        status: 'PRIMARY',
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/analytics:1',
        desiredCount: desired,
        runningCount: running,
        pendingCount: 0,
        failedTasks: 0,
        rolloutState: 'IN_PROGRESS',
      },
    ],
    rolloutState: 'IN_PROGRESS',
    events: events.map((e, i) => ({ id: String(i), message: e.message, createdAt: new Date(NOW - e.ageMs) })),
    raw: {},
  };
}

describe('service health: a service ECS cannot place', () => {
  it('is failing with ECS’s reason when nothing runs and the newest event says it cannot place a task', () => {
    const v = serviceHealth(service(0, 1, [{ message: UNPLACED, ageMs: 60_000 }]), [], NOW);
    assert.equal(v.health, 'failing');
    assert.match(
      v.reason,
      /^0\/1 running: ECS was unable to place a task because no container instance met all of its requirements\. .* insufficient memory available\./,
    );
  });

  it('is degraded when some tasks run', () => {
    assert.equal(serviceHealth(service(1, 2, [{ message: UNPLACED, ageMs: 0 }]), [], NOW).health, 'degraded');
  });

  it('is deploying again once a newer event says otherwise, or the event is old', () => {
    const started = { message: '(service analytics) has started 1 tasks: (task 0a1b).', ageMs: 0 };
    const recovered = service(0, 1, [started, { message: UNPLACED, ageMs: 30_000 }]);
    assert.equal(serviceHealth(recovered, [], NOW).health, 'deploying');
    const old = service(0, 1, [{ message: UNPLACED, ageMs: FAILURE_WINDOW_MS + 1 }]);
    assert.equal(serviceHealth(old, [], NOW).health, 'deploying');
  });
});
