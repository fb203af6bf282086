import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeTasksCommand, ListTaskDefinitionsCommand, ListTasksCommand } from '@aws-sdk/client-ecs';

import type { JsonObject } from '../../../client/src/aws/deploy/normalize';
import { registerRevision } from '../../../client/src/aws/deploy/register';
import { watchRollout, type RolloutState } from '../../../client/src/aws/deploy/rolloutWatcher';

import { deploySuite, describeService, eventually, loseResponses, taskDefinition } from './setup';

const INTERVAL = 100;

describe('deploys against the emulator', () => {
  const names = { cluster: 'deploys', service: 'web', family: 'web' };
  const d = deploySuite(names, 'registry.example/web:1.0.0');

  async function tasksOf(service: string): Promise<{ taskDefinitionArn?: string; lastStatus?: string }[]> {
    const arns =
      (await d.ecs.send(new ListTasksCommand({ cluster: names.cluster, serviceName: service }))).taskArns ??
      [];
    if (arns.length === 0) return [];
    return (await d.ecs.send(new DescribeTasksCommand({ cluster: names.cluster, tasks: arns }))).tasks ?? [];
  }

  /**
   * Registers `image` as a new revision and updates the service to it (running `beforeUpdate` in
   * between); returns the revision and the PRIMARY deployment's id.
   */
  async function startDeploy(
    image: string,
    beforeUpdate?: () => void,
  ): Promise<{ revision: string; deploymentId?: string }> {
    const registered = await registerRevision(
      d.api,
      taskDefinition(names.family, image) as unknown as JsonObject,
    );
    assert.ok(registered.ok, registered.ok ? '' : registered.error.message);
    const revision = registered.value.revision.arn;
    beforeUpdate?.();
    const updated = await d.api.updateService({
      cluster: names.cluster,
      service: names.service,
      taskDefinition: revision,
    });
    assert.ok(updated.ok, updated.ok ? '' : updated.error.message);
    return { revision, deploymentId: updated.value.deployments.find((dep) => dep.status === 'PRIMARY')?.id };
  }

  /** Register + UpdateService + watch, the way the Deploy command does it. */
  async function deployAndWatch(
    image: string,
  ): Promise<{ revision: string; state: RolloutState; startedAt: number }> {
    const startedAt = Date.now();
    const { revision, deploymentId } = await startDeploy(image);
    assert.ok(deploymentId);
    const watcher = watchRollout(d.api, {
      cluster: names.cluster,
      service: names.service,
      intervalMs: INTERVAL,
      deploymentId,
      since: new Date(startedAt - 1000),
    });
    const state = await watcher.done;
    return { revision, state, startedAt };
  }

  it('watches a rollout to COMPLETED with every task on the new revision, and counts its API calls', async () => {
    d.emu.calls.reset();
    const { revision, state } = await deployAndWatch('registry.example/web:1.1.0');
    assert.equal(state.phase, 'completed', state.message);
    assert.equal(state.rolloutState, 'COMPLETED');
    assert.equal(state.taskDefinition, revision);
    assert.match(state.message, /web:\d+: 2\/2 tasks, rollout completed/);
    assert.ok(
      state.events.some((e) => /has reached a steady state/.test(e.message)),
      'the steady-state event',
    );
    assert.ok(
      state.events.some((e) => /has started \d+ tasks/.test(e.message)),
      'the start events',
    );
    const running = (await tasksOf(names.service)).filter((t) => t.lastStatus === 'RUNNING');
    assert.equal(running.length, 2);
    assert.ok(
      running.every((t) => t.taskDefinitionArn === revision),
      'every running task runs the new revision',
    );

    const calls = d.emu.calls.byOperation();
    assert.equal(calls.RegisterTaskDefinition, 1);
    assert.equal(calls.UpdateService, 1);
    assert.equal(calls.DescribeServices, state.polls, 'one DescribeServices per poll');
    const polls = d.emu.calls.list('DescribeServices').map((c) => c.at);
    const gaps = polls.slice(1).map((at, i) => at - (polls[i] ?? at));
    assert.ok(
      gaps.every((g) => g >= INTERVAL * 0.9),
      `polls at least ${INTERVAL} ms apart: ${gaps.join(', ')}`,
    );
    // Old tasks stopped by the rollout are fetched once, from the events naming them; nothing else is called.
    const others = Object.keys(calls).filter(
      (op) =>
        ![
          'RegisterTaskDefinition',
          'UpdateService',
          'DescribeServices',
          'DescribeTasks',
          'ListTasks',
        ].includes(op),
    );
    assert.deepEqual(others, []);
    assert.ok((calls.DescribeTasks ?? 0) <= state.polls);
    console.log(`deploy-and-watch API calls: ${JSON.stringify(calls)} over ${state.polls} polls`);
  });

  it('reports a circuit-breaker FAILED rollout and the revision the rollback brings back, with stopped tasks and exit codes', async () => {
    const before = await describeService(d.ecs, names);
    const previous = before?.taskDefinition ?? '';
    const { state } = await deployAndWatch('registry.example/web:crashloop');
    assert.equal(state.phase, 'failed', state.message);
    assert.equal(state.rolloutState, 'FAILED');
    assert.equal(state.circuitBreakerTripped, true);
    assert.equal(state.rollback?.taskDefinition, previous);
    assert.match(state.message, /circuit breaker/);
    assert.match(state.message, new RegExp(`rolled back to web:${previous.split(':').pop()}`));
    assert.ok(state.stoppedTasks.length >= 1, 'stopped tasks kept');
    const crashed = state.stoppedTasks.find((t) => t.containers.some((c) => c.exitCode === 1));
    assert.ok(crashed, `a stopped task with exit code 1: ${JSON.stringify(state.stoppedTasks)}`);
    assert.match(crashed.stoppedReason ?? '', /Essential container in task exited/);
    // ECS brings the previous revision back.
    await eventually('the rollback to complete', async () => {
      const s = await describeService(d.ecs, names);
      return s?.deployments?.length === 1 && s.taskDefinition === previous && s.runningCount === 2;
    });
  });

  it('keeps watching through failed polls, says so, and still reaches the end', async () => {
    await startDeploy('registry.example/web:1.2.0', () =>
      d.emu.faults.set({ operation: 'DescribeServices', kind: 'expiredToken', count: 2 }),
    );
    const watcher = watchRollout(d.api, {
      cluster: names.cluster,
      service: names.service,
      intervalMs: INTERVAL,
      maxBackoffMs: 300,
    });
    const problems: string[] = [];
    watcher.onChange((s) => s.connectionProblem && problems.push(s.message));
    const state = await watcher.done;
    d.emu.faults.clear();
    assert.ok(problems.length >= 1, 'the failed polls were reported');
    assert.match(problems[0] ?? '', /Retrying in \d+ s \(attempt 1\); the deployment is not affected/);
    assert.equal(state.phase, 'completed', state.message);
    assert.equal(state.connectionProblem, undefined);
  });

  it('stops watching without touching the deployment', async () => {
    const { revision } = await startDeploy('registry.example/web:1.3.0');
    const watcher = watchRollout(d.api, {
      cluster: names.cluster,
      service: names.service,
      intervalMs: INTERVAL,
    });
    await eventually('a first poll', () => Promise.resolve(watcher.state.polls > 0));
    const updatesBefore = d.emu.calls.count('UpdateService');
    watcher.stop();
    const state = await watcher.done;
    assert.equal(state.phase, 'stopped');
    assert.match(state.message, /the deployment continues in ECS/);
    assert.equal(d.emu.calls.count('UpdateService'), updatesBefore);
    assert.equal(d.emu.calls.count('StopServiceDeployment'), 0);
    await eventually('the deployment to finish on its own', async () => {
      const s = await describeService(d.ecs, names);
      return (
        s?.deployments?.length === 1 &&
        s.taskDefinition === revision &&
        s.deployments[0]?.rolloutState === 'COMPLETED'
      );
    });
  });

  it('a lost RegisterTaskDefinition response does not create two revisions', async () => {
    // The request reaches the emulator and is applied; the response never reaches the client.
    const client = await d.gatewayClient();
    const lossy = loseResponses(client, 'RegisterTaskDefinitionCommand', {
      name: 'TimeoutError',
      code: 'ECONNRESET',
    });
    try {
      const family = 'lost-response';
      const registersBefore = d.emu.calls.count('RegisterTaskDefinition');
      const steps: string[] = [];
      const result = await registerRevision(
        d.api,
        taskDefinition(family, 'registry.example/lost:1', { MODE: 'x' }) as unknown as JsonObject,
        { checkDelaysMs: [10], onStep: (s) => steps.push(s) },
      );
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      assert.equal(result.value.recovered, true);
      assert.equal(result.value.revision.revision, 1);
      assert.equal(
        d.emu.calls.count('RegisterTaskDefinition') - registersBefore,
        1,
        'one RegisterTaskDefinition request',
      );
      const revisions =
        (await d.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family }))).taskDefinitionArns ?? [];
      assert.equal(revisions.length, 1, `one revision: ${revisions.join(', ')}`);
      assert.match(steps.join('\n'), /no answer.*looking for the content sent/);
    } finally {
      lossy.remove();
    }
  });

  it('never sends again after a lost response, even when the request never landed', async () => {
    const family = 'never-landed';
    const registersBefore = d.emu.calls.count('RegisterTaskDefinition');
    let calls = 0;
    const flaky = {
      register: async (input: JsonObject) => {
        calls++;
        if (calls === 1)
          return {
            ok: false as const,
            error: { kind: 'network' as const, ambiguous: true, message: 'Connection reset.' },
          };
        return d.api.register(input);
      },
      describeTaskDefinition: (f: string) => d.api.describeTaskDefinition(f),
    };
    const result = await registerRevision(
      flaky,
      taskDefinition(family, 'registry.example/x:1') as unknown as JsonObject,
      { checkDelaysMs: [10] },
    );
    // It cannot know whether the request will still land: it says so instead of sending again.
    assert.ok(!result.ok);
    assert.equal(result.error.ambiguous, true);
    assert.match(result.error.message, /may or may not have been registered/);
    assert.equal(calls, 1);
    assert.equal(d.emu.calls.count('RegisterTaskDefinition') - registersBefore, 0);
    const revisions =
      (await d.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family }))).taskDefinitionArns ?? [];
    assert.equal(revisions.length, 0);
  });

  it('turns a missing service and denied access into clear failures', async () => {
    const missing = await d.api.describeService(names.cluster, 'no-such-service');
    assert.equal(missing.ok, false);
    if (!missing.ok) assert.match(missing.error.message, /no-such-service was not found in cluster deploys/);
    d.emu.faults.set({ operation: 'UpdateService', kind: 'accessDenied', count: 1 });
    const denied = await d.api.updateService({
      cluster: names.cluster,
      service: names.service,
      forceNewDeployment: true,
    });
    d.emu.faults.clear();
    assert.equal(denied.ok, false);
    if (!denied.ok) {
      assert.equal(denied.error.kind, 'accessDenied');
      assert.match(denied.error.message, /ecs:UpdateService/);
    }
  });
});
