import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stoppedTaskIdsInEvent, watchRollout } from '../../../client/src/aws/deploy/rolloutWatcher';
import { fail, ok, type ServiceView } from '../../../client/src/aws/deploy/types';
import { deployment, options, scripted, service, TD } from './watcherFixtures';

describe('rollout watcher outcomes', () => {
  it('reports a rollback seen only through events, when the failed deployment is already gone', async () => {
    const source = scripted([
      ok(
        service([deployment('d2', 'PRIMARY', 2, 'IN_PROGRESS'), deployment('d1', 'ACTIVE', 1, 'COMPLETED')]),
      ),
      ok(
        service(
          [deployment('d3', 'PRIMARY', 1, 'IN_PROGRESS'), deployment('d1', 'ACTIVE', 1, 'COMPLETED')],
          [
            '(service web) rolling back to deployment d1.',
            '(service web) (deployment d2) deployment failed: tasks failed to start.',
          ],
        ),
      ),
    ]);
    const state = await watchRollout(source, { ...options, deploymentId: 'd2' }).done;
    assert.equal(state.phase, 'failed');
    assert.equal(state.circuitBreakerTripped, true);
    assert.equal(state.rollback?.taskDefinition, TD(1));
    assert.match(
      state.message,
      /Deployment of web:2 failed \(deployment circuit breaker\)\. ECS rolled back to web:1\./,
    );
  });

  it('says so when another deployment replaces the one watched', async () => {
    const source = scripted([
      ok(service([deployment('d2', 'PRIMARY', 2, 'IN_PROGRESS')])),
      ok(
        service([
          deployment('d3', 'PRIMARY', 3, 'IN_PROGRESS'),
          deployment('d2', 'ACTIVE', 2, 'IN_PROGRESS'),
        ]),
      ),
    ]);
    const state = await watchRollout(source, options).done;
    assert.equal(state.phase, 'superseded');
    assert.match(state.message, /web:3 \(deployment d3\) replaced the deployment being watched/);
  });

  it('ends with a clear error for a deleted service, and does not retry it', async () => {
    const source = scripted([
      fail({ kind: 'notFound', message: 'Service web was not found in cluster prod.' }),
    ]);
    const state = await watchRollout(source, options).done;
    assert.equal(state.phase, 'error');
    assert.equal(state.message, 'Service web was not found in cluster prod.');
    assert.equal(source.polls, 1);
  });

  it('retries network failures with growing backoff, then carries on', async () => {
    const down = fail<ServiceView>({ kind: 'network', message: 'Cannot reach ECS in eu-west-1.' });
    const source = scripted([
      down,
      down,
      down,
      ok(service([deployment('d1', 'PRIMARY', 1, 'COMPLETED', { runningCount: 2 })])),
    ]);
    const watcher = watchRollout(source, options);
    const attempts: number[] = [];
    watcher.onChange((s) => s.connectionProblem && attempts.push(s.connectionProblem.attempt));
    const state = await watcher.done;
    assert.deepEqual(attempts, [1, 2, 3]);
    assert.equal(state.phase, 'completed');
    assert.match(state.message, /web is running web:1: 2\/2 tasks, rollout completed/);
  });

  it('refuses to guess for services that ECS does not deploy itself', async () => {
    const source = scripted([
      ok(
        service([deployment('d1', 'PRIMARY', 1, 'IN_PROGRESS')], [], { deploymentController: 'CODE_DEPLOY' }),
      ),
    ]);
    const state = await watchRollout(source, options).done;
    assert.equal(state.phase, 'error');
    assert.match(state.message, /CODE_DEPLOY deployment controller/);
  });

  it('fails without a rollback when the circuit breaker does not roll back', async () => {
    const source = scripted([
      ok(
        service(
          [
            deployment('d2', 'PRIMARY', 2, 'FAILED', {
              rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
            }),
          ],
          [],
          { circuitBreaker: { enable: true, rollback: false } },
        ),
      ),
    ]);
    const state = await watchRollout(source, options).done;
    assert.equal(state.phase, 'failed');
    assert.equal(state.rollback, undefined);
    assert.match(state.message, /No rollback happened/);
  });

  it('reads the task ids of a "has stopped" event', () => {
    assert.deepEqual(
      stoppedTaskIdsInEvent('(service web) has stopped 2 running tasks: (task abc123) (task def456).'),
      ['abc123', 'def456'],
    );
    assert.deepEqual(stoppedTaskIdsInEvent('(service web) has started 1 tasks: (task abc123).'), []);
  });
});
