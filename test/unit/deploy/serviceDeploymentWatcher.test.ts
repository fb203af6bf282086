import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateServiceCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { createAwsGateway, type AwsGateway } from '../../../client/src/aws/awsGateway';
import { EcsDeployApi } from '../../../client/src/aws/deploy/ecsDeployApi';
import type { RolloutState } from '../../../client/src/aws/deploy/rolloutTypes';
import {
  STAGE_ORDER,
  watchServiceDeployment,
  type ServiceDeploymentSource,
} from '../../../client/src/aws/deploy/serviceDeploymentWatcher';
import { fail } from '../../../client/src/aws/deploy/types';
import type { Connection } from '../../../client/src/aws/gateway';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { eventually, NETWORK, sdkClient, taskDefinition } from './setup';

const INTERVAL = 100;
const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:smoke-test';

describe('service deployment watcher against the emulator', () => {
  let emu: RunningEmulator;
  let ecs: ECSClient;
  let gateway: AwsGateway;
  let api: EcsDeployApi;
  const cluster = 'sd';

  before(async () => {
    emu = await startEmulator({ scenario: 'empty', speed: 20 });
    ecs = sdkClient(emu.url, emu.region);
    gateway = createAwsGateway();
    const connection: Connection = { profile: 'default', region: emu.region, endpoint: emu.url };
    api = new EcsDeployApi(gateway, connection);
    const { CreateClusterCommand } = await import('@aws-sdk/client-ecs');
    await ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  });

  after(async () => {
    gateway.dispose();
    ecs.destroy();
    await emu.stop();
  });

  async function service(name: string, deploymentConfiguration: object): Promise<void> {
    await ecs.send(new RegisterTaskDefinitionCommand(taskDefinition(name, `registry.example/${name}:1`)));
    await ecs.send(
      new CreateServiceCommand({
        cluster,
        serviceName: name,
        taskDefinition: name,
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: NETWORK,
        deploymentConfiguration,
      }),
    );
    await eventually(
      `${name} steady`,
      async () => {
        const list = await api.listServiceDeployments(cluster, name);
        return list.ok && list.value[0]?.status === 'SUCCESSFUL';
      },
      30_000,
    );
  }

  /** Registers revision 2, updates the service and follows the deployment to its end. */
  async function deployAndWatch(
    name: string,
    source: ServiceDeploymentSource = api,
    during?: (s: RolloutState) => void,
  ): Promise<RolloutState> {
    await ecs.send(new RegisterTaskDefinitionCommand(taskDefinition(name, `registry.example/${name}:2`)));
    const since = new Date();
    await ecs.send(new UpdateServiceCommand({ cluster, service: name, taskDefinition: name }));
    const watcher = watchServiceDeployment(source, { cluster, service: name, since, intervalMs: INTERVAL });
    if (during) watcher.onChange(during);
    return watcher.done;
  }

  it('follows a blue/green deployment through every stage to success, politely', async () => {
    await service('bg', { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 });
    emu.calls.reset();
    let bakeSeen: number | undefined;
    const state = await deployAndWatch('bg', api, (s) => {
      if (s.stage === 'BAKE_TIME' && s.bakeRemainingMs !== undefined) bakeSeen ??= s.bakeRemainingMs;
    });
    assert.equal(state.phase, 'completed', state.message);
    const sd = state.serviceDeployment;
    assert.ok(sd);
    assert.equal(sd.status, 'SUCCESSFUL');
    assert.equal(sd.strategy, 'BLUE_GREEN');
    assert.deepEqual(
      sd.stages.map((s) => s.stage),
      STAGE_ORDER.filter((s) => s !== 'RECONCILE_SERVICE'),
    );
    assert.ok(sd.stages.filter((s) => s.observed).length >= 8, JSON.stringify(sd.stages));
    for (const s of sd.stages.filter((x) => x.observed).slice(0, -1)) assert.ok(s.enteredAt && s.leftAt);
    assert.deepEqual(sd.trafficSteps, [100]);
    assert.equal(state.trafficPercent, 100);
    assert.equal(state.testTrafficPercent, 100);
    assert.equal(sd.circuitBreaker?.status, 'DISABLED');
    assert.ok(bakeSeen !== undefined && bakeSeen <= 60_000 && bakeSeen > 50_000, String(bakeSeen));
    // One ListServiceDeployments to find the deployment, then one DescribeServiceDeployments a poll,
    // spaced by the interval; no DescribeServices at all.
    const byOp = emu.calls.byOperation();
    assert.equal(byOp.ListServiceDeployments, 1);
    assert.equal(byOp.DescribeServices, undefined);
    const describes = emu.calls.list('DescribeServiceDeployments');
    assert.equal(describes.length, state.polls);
    for (let i = 1; i < describes.length; i++) {
      const gap = (describes[i]?.at ?? 0) - (describes[i - 1]?.at ?? 0);
      assert.ok(gap >= INTERVAL - 15, `poll ${i} came ${gap} ms after the previous one`);
    }
  });

  /** Deploys `name` and watches it, recording each new step label as the watcher reports it. */
  async function deployAndWatchSteps(name: string): Promise<{ state: RolloutState; steps: string[] }> {
    const steps: string[] = [];
    const state = await deployAndWatch(name, api, (s) => {
      const label = s.serviceDeployment?.step?.label;
      if (label && steps.at(-1) !== label) steps.push(label);
    });
    return { state, steps };
  }

  it('reports linear steps and canary-then-the-rest', async () => {
    await service('lin', {
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 50, stepBakeTimeInMinutes: 0 },
    });
    const { state: lin, steps } = await deployAndWatchSteps('lin');
    assert.equal(lin.phase, 'completed', lin.message);
    assert.deepEqual(lin.serviceDeployment?.trafficSteps, [50, 100]);
    assert.ok(steps.includes('step 1 of 2') && steps.includes('step 2 of 2'), steps.join());

    await service('can', {
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 20, canaryBakeTimeInMinutes: 1 },
    });
    const { state: can, steps: canSteps } = await deployAndWatchSteps('can');
    assert.equal(can.phase, 'completed', can.message);
    assert.deepEqual(can.serviceDeployment?.trafficSteps, [20, 100]);
    assert.deepEqual(canSteps.slice(-2), ['canary (20%)', 'the rest (100%)']);
  });

  it('reports a failed hook and the rollback it caused', async () => {
    await service('hook', {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 0,
      lifecycleHooks: [
        {
          hookTargetArn: LAMBDA,
          roleArn: 'arn:aws:iam::123456789012:role/hooks',
          lifecycleStages: ['POST_SCALE_UP'],
        },
      ],
    });
    emu.setHookOutcome(LAMBDA, 'FAILED');
    const statuses: string[] = [];
    const state = await deployAndWatch('hook', api, (s) => {
      const st = s.serviceDeployment?.status;
      if (st && statuses.at(-1) !== st) statuses.push(st);
    });
    emu.setHookOutcome(LAMBDA, undefined);
    assert.equal(state.phase, 'failed');
    assert.equal(state.serviceDeployment?.status, 'ROLLBACK_SUCCESSFUL');
    assert.match(state.serviceDeployment?.rollback?.reason ?? '', /failed at POST_SCALE_UP/);
    assert.match(state.message, /rolled back/);
    assert.equal(state.serviceDeployment?.stages.at(-1)?.stage, 'POST_SCALE_UP');
    assert.ok(statuses.includes('IN_PROGRESS'));
  });

  it('shows a paused hook and goes on after Continue Deployment', async () => {
    await service('pause', {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 0,
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'] }],
    });
    let continued: Promise<unknown> | undefined;
    const state = await deployAndWatch('pause', api, (s) => {
      const hook = s.serviceDeployment?.pausedHook;
      if (hook && !continued) {
        assert.match(s.message, /paused/);
        continued = api.continueServiceDeployment(s.serviceDeployment?.arn ?? '', hook.hookId, 'CONTINUE');
      }
    });
    const answer = (await continued) as { ok: boolean };
    assert.equal(answer.ok, true);
    assert.equal(state.phase, 'completed', state.message);
  });

  it('falls back to DescribeServices where the service deployments API is missing', async () => {
    await service('old', { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 0 });
    const unsupported = fail<never>({
      kind: 'unknown',
      code: 'UnknownOperationException',
      message: 'Operation is not supported in this region.',
    });
    const legacy: ServiceDeploymentSource = {
      describeService: (c, s) => api.describeService(c, s),
      listStoppedTasks: (c, s) => api.listStoppedTasks(c, s),
      describeTasks: (c, t) => api.describeTasks(c, t),
      listServiceDeployments: () => Promise.resolve(unsupported),
      describeServiceDeployment: () => Promise.resolve(unsupported),
    };
    const state = await deployAndWatch('old', legacy);
    assert.equal(state.phase, 'completed', state.message);
    assert.match(state.fallback ?? '', /not available here \(UnknownOperationException\)/);
  });
});
