/**
 * The deployment circuit breaker read from the deployment's `rolloutStateReason` alone: ECS says
 * "ECS deployment circuit breaker: tasks failed to start." there when it fails a deployment
 * (https://docs.aws.amazon.com/AmazonECS/latest/developerguide/deployment-circuit-breaker.html), and
 * its service event may already be out of the five events read, or come a poll later. The watcher
 * must name the breaker from the reason, and must not name it for a failure with another reason.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { watchRollout } from '../../../client/src/aws/deploy/rolloutWatcher';
import { ok, type DeploymentView, type ServiceView } from '../../../client/src/aws/deploy/types';
import { deployment, options, scripted, service as serviceOf, TD } from './watcherFixtures';

const BREAKER = 'ECS deployment circuit breaker: tasks failed to start.';

// No event at all: what is known comes from the deployments.
const service = (deployments: DeploymentView[], rollback: boolean): ServiceView =>
  serviceOf(deployments, [], { circuitBreaker: { enable: true, rollback } });

describe('rollout watcher: the circuit breaker from rolloutStateReason', () => {
  it('names the breaker and its reason when the deployment FAILED with the breaker reason, and no rollback', async () => {
    const source = scripted([
      ok(service([deployment('d2', 'PRIMARY', 2, 'IN_PROGRESS')], false)),
      ok(service([deployment('d2', 'PRIMARY', 2, 'FAILED', { rolloutStateReason: BREAKER })], false)),
    ]);
    const state = await watchRollout(source, { ...options, deploymentId: 'd2' }).done;
    assert.equal(state.phase, 'failed');
    assert.equal(state.circuitBreakerTripped, true);
    assert.equal(state.rolloutStateReason, BREAKER);
    assert.equal(
      state.message,
      `Deployment of web:2 failed (deployment circuit breaker): ${BREAKER}. No rollback happened: the service keeps running what it had.`,
    );
    assert.equal(state.outcome, 'Failed after circuit breaker; not rolled back');
  });

  it('names the breaker when it rolled back, following the rollback to its end', async () => {
    const source = scripted([
      ok(
        service(
          [deployment('d2', 'PRIMARY', 2, 'IN_PROGRESS'), deployment('d1', 'ACTIVE', 1, 'COMPLETED')],
          true,
        ),
      ),
      ok(
        service(
          [
            deployment('d3', 'PRIMARY', 1, 'IN_PROGRESS', { runningCount: 1 }),
            deployment('d2', 'ACTIVE', 2, 'FAILED', { rolloutStateReason: BREAKER }),
          ],
          true,
        ),
      ),
      ok(service([deployment('d3', 'PRIMARY', 1, 'COMPLETED', { runningCount: 2 })], true)),
    ]);
    const state = await watchRollout(source, { ...options, deploymentId: 'd2' }).done;
    assert.equal(state.phase, 'failed');
    assert.equal(state.circuitBreakerTripped, true);
    assert.equal(state.rollback?.taskDefinition, TD(1));
    assert.match(
      state.message,
      /^Deployment of web:2 failed \(deployment circuit breaker\): ECS deployment circuit breaker: tasks failed to start\.\. ECS rolled back to web:1\./,
    );
  });

  it('does not name the breaker for a failure with another reason', async () => {
    const reason = 'Deployment stopped: the task definition could not be pulled.';
    const source = scripted([
      ok(service([deployment('d2', 'PRIMARY', 2, 'FAILED', { rolloutStateReason: reason })], false)),
    ]);
    const state = await watchRollout(source, { ...options, deploymentId: 'd2' }).done;
    assert.equal(state.phase, 'failed');
    assert.notEqual(state.circuitBreakerTripped, true);
    assert.equal(
      state.message,
      `Deployment of web:2 failed: ${reason}. No rollback happened: the service keeps running what it had.`,
    );
    assert.equal(state.outcome, 'Failed after failure; not rolled back');
  });

  it('does not name the breaker for a breaker reason on a deployment that has not FAILED', async () => {
    const source = scripted([
      ok(
        service(
          [
            deployment('d2', 'PRIMARY', 2, 'IN_PROGRESS', {
              rolloutStateReason: 'ECS deployment circuit breaker: monitoring.',
            }),
          ],
          false,
        ),
      ),
      ok(service([deployment('d2', 'PRIMARY', 2, 'COMPLETED', { runningCount: 2 })], false)),
    ]);
    const watcher = watchRollout(source, { ...options, deploymentId: 'd2' });
    const tripped: boolean[] = [];
    watcher.onChange((s) => tripped.push(s.circuitBreakerTripped === true));
    const state = await watcher.done;
    assert.equal(state.phase, 'completed');
    assert.deepEqual([...new Set(tripped)], [false]);
  });
});
