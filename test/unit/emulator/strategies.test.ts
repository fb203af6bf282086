import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ContinueServiceDeploymentCommand,
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
  type RegisterTaskDefinitionCommandInput,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import {
  errorOf,
  fargateTaskDefinition,
  network,
  until,
  createFargateService,
  suiteEmulator,
} from './helpers';

/** Native deployment strategies (BLUE_GREEN, LINEAR, CANARY), lifecycle hooks, circuit breaker threshold. */

const td = (x: Record<string, unknown>): RegisterTaskDefinitionCommandInput =>
  x as unknown as RegisterTaskDefinitionCommandInput;

const LAMBDA = (name: string): string => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const TERMINAL = new Set(['SUCCESSFUL', 'STOPPED', 'ROLLBACK_SUCCESSFUL', 'ROLLBACK_FAILED']);

describe('emulator: native deployment strategies', () => {
  const c = suiteEmulator({ scenario: 'empty', speed: 20 }, async (c) => {
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'prod' }));
  });

  async function service(name: string, deploymentConfiguration: object, image = `${name}:1`): Promise<void> {
    await createFargateService(c.ecs, {
      cluster: 'prod',
      name,
      image,
      desiredCount: 2,
      deploymentConfiguration,
    });
    await until(
      `${name} first deployment done`,
      async () => {
        const d = await latest(name);
        return d.status === 'SUCCESSFUL';
      },
      30000,
    );
  }

  async function deploy(name: string, image: string): Promise<string> {
    await c.ecs.send(new RegisterTaskDefinitionCommand(td(fargateTaskDefinition(name, image))));
    await c.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: name, taskDefinition: name }));
    return (await latest(name)).serviceDeploymentArn ?? '';
  }

  async function latest(name: string): Promise<ServiceDeployment> {
    const list = await c.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'prod', service: name }));
    const arn = list.serviceDeployments?.[0]?.serviceDeploymentArn;
    if (!arn) throw new Error('no deployment');
    return describeSd(arn);
  }

  async function describeSd(arn: string): Promise<ServiceDeployment> {
    const out = await c.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
    const d = out.serviceDeployments?.[0];
    if (!d) throw new Error('not described');
    return d;
  }

  /** Polls a deployment until it ends; returns the stages seen (in order) and the traffic weights. */
  async function follow(
    arn: string,
    onPoll?: (d: ServiceDeployment) => void,
  ): Promise<{ stages: string[]; traffic: number[]; last: ServiceDeployment }> {
    const stages: string[] = [];
    const traffic: number[] = [];
    const last = await until(
      'deployment ends',
      async () => {
        const d = await describeSd(arn);
        const stage = d.lifecycleStage;
        if (stage && stages.at(-1) !== stage) stages.push(stage);
        const w = d.targetServiceRevision?.requestedProductionTrafficWeight;
        if (w !== undefined && traffic.at(-1) !== w) traffic.push(w);
        onPoll?.(d);
        await new Promise((r) => setTimeout(r, 15));
        return TERMINAL.has(d.status ?? '') ? d : undefined;
      },
      60000,
    );
    return { stages, traffic, last };
  }

  it('runs a blue/green deployment through every lifecycle stage, in order', async () => {
    await service('bg', { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 1 });
    const blueTasks = await c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'bg' }));
    const arn = await deploy('bg', 'bg:2');
    const { stages, traffic, last } = await follow(arn);
    assert.deepEqual(stages, [
      'PRE_SCALE_UP',
      'SCALE_UP',
      'POST_SCALE_UP',
      'TEST_TRAFFIC_SHIFT',
      'POST_TEST_TRAFFIC_SHIFT',
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'POST_PRODUCTION_TRAFFIC_SHIFT',
      'BAKE_TIME',
      'CLEAN_UP',
    ]);
    assert.deepEqual(traffic, [0, 100]);
    assert.equal(last.status, 'SUCCESSFUL');
    assert.equal(last.targetServiceRevision?.runningTaskCount, 2);
    assert.equal(last.sourceServiceRevisions?.[0]?.requestedProductionTrafficWeight, 0);
    assert.equal(last.deploymentConfiguration?.strategy, 'BLUE_GREEN');
    const now = await c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'bg' }));
    for (const t of blueTasks.taskArns ?? []) assert.ok(!now.taskArns?.includes(t), 'blue task cleaned up');
    const s = await c.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['bg'] }));
    assert.equal(s.services?.[0]?.deployments?.length, 1);
    assert.equal(s.services?.[0]?.deployments?.[0]?.rolloutState, 'COMPLETED');
  });

  it('runs a linear deployment in equal steps and a canary deployment in two', async () => {
    await service('lin', {
      strategy: 'LINEAR',
      linearConfiguration: { stepPercent: 34, stepBakeTimeInMinutes: 0 },
    });
    const lin = await follow(await deploy('lin', 'lin:2'));
    assert.equal(lin.last.status, 'SUCCESSFUL');
    assert.deepEqual(lin.traffic, [0, 34, 68, 100]);
    assert.equal(lin.stages.filter((s) => s === 'PRODUCTION_TRAFFIC_SHIFT').length, 3);

    await service('can', {
      strategy: 'CANARY',
      canaryConfiguration: { canaryPercent: 10, canaryBakeTimeInMinutes: 1 },
    });
    const can = await follow(await deploy('can', 'can:2'));
    assert.equal(can.last.status, 'SUCCESSFUL');
    assert.deepEqual(can.traffic, [0, 10, 100]);
    assert.deepEqual(can.stages.slice(can.stages.indexOf('POST_TEST_TRAFFIC_SHIFT') + 1), [
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'PRE_PRODUCTION_TRAFFIC_SHIFT',
      'PRODUCTION_TRAFFIC_SHIFT',
      'POST_PRODUCTION_TRAFFIC_SHIFT',
      'BAKE_TIME',
      'CLEAN_UP',
    ]);
  });

  it('rolls back when a Lambda hook fails, keeping the blue tasks', async () => {
    await service('hookfail', {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 0,
      lifecycleHooks: [
        {
          hookTargetArn: LAMBDA('smoke-test'),
          roleArn: 'arn:aws:iam::123456789012:role/hooks',
          lifecycleStages: ['POST_TEST_TRAFFIC_SHIFT'],
        },
      ],
    });
    const blue = (await c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'hookfail' })))
      .taskArns;
    c.emu.setHookOutcome(LAMBDA('smoke-test'), 'FAILED');
    const hooks: string[] = [];
    const { last, stages } = await follow(await deploy('hookfail', 'hookfail:2'), (d) => {
      for (const h of d.lifecycleHookDetails ?? [])
        if (!hooks.includes(h.status ?? '')) hooks.push(h.status ?? '');
    });
    c.emu.setHookOutcome(LAMBDA('smoke-test'), undefined);
    assert.equal(last.status, 'ROLLBACK_SUCCESSFUL');
    assert.equal(stages.at(-1), 'POST_TEST_TRAFFIC_SHIFT');
    assert.match(last.rollback?.reason ?? '', /failed at POST_TEST_TRAFFIC_SHIFT/);
    assert.ok(hooks.includes('IN_PROGRESS'));
    const s = await c.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['hookfail'] }));
    assert.match(s.services?.[0]?.taskDefinition ?? '', /hookfail:1$/);
    const now = (await c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'hookfail' })))
      .taskArns;
    assert.deepEqual([...(now ?? [])].sort(), [...(blue ?? [])].sort(), 'blue tasks took the traffic back');
  });

  it('waits at a PAUSE hook until ContinueServiceDeployment', async () => {
    await service('pause', {
      strategy: 'BLUE_GREEN',
      bakeTimeInMinutes: 0,
      lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRE_PRODUCTION_TRAFFIC_SHIFT'] }],
    });
    const arn = await deploy('pause', 'pause:2');
    const paused = await until(
      'paused',
      async () => {
        const d = await describeSd(arn);
        return d.lifecycleHookDetails?.[0]?.status === 'AWAITING_ACTION' ? d : undefined;
      },
      30000,
    );
    const hook = paused.lifecycleHookDetails?.[0];
    assert.equal(hook?.targetType, 'PAUSE');
    assert.equal(hook?.timeoutAction, 'ROLLBACK');
    assert.ok(hook?.expiresAt instanceof Date);
    c.emu.advance(10 * 60_000);
    const still = await describeSd(arn);
    assert.equal(still.status, 'IN_PROGRESS');
    assert.equal(still.lifecycleStage, 'PRE_PRODUCTION_TRAFFIC_SHIFT');
    const wrong = await errorOf(
      c.ecs.send(new ContinueServiceDeploymentCommand({ serviceDeploymentArn: arn, hookId: 'nope' })),
    );
    assert.equal(wrong.name, 'InvalidParameterException');
    const out = await c.ecs.send(
      new ContinueServiceDeploymentCommand({
        serviceDeploymentArn: arn,
        hookId: hook?.hookId,
        action: 'CONTINUE',
      }),
    );
    assert.equal(out.serviceDeploymentArn, arn);
    const { last } = await follow(arn);
    assert.equal(last.status, 'SUCCESSFUL');
  });

  it('rolls a blue/green deployment back with StopServiceDeployment', async () => {
    await service('stopme', { strategy: 'BLUE_GREEN', bakeTimeInMinutes: 60 });
    const arn = await deploy('stopme', 'stopme:2');
    await until('baking', async () => (await describeSd(arn)).lifecycleStage === 'BAKE_TIME', 30000);
    await c.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
    const { last } = await follow(arn);
    assert.equal(last.status, 'ROLLBACK_SUCCESSFUL');
    assert.equal(last.rollback?.reason, 'Service deployment rollback requested by user.');
    assert.equal(last.targetServiceRevision?.requestedProductionTrafficWeight, 0);
  });

  it('refuses invalid strategy configurations with InvalidParameterException', async () => {
    await c.ecs.send(new RegisterTaskDefinitionCommand(td(fargateTaskDefinition('bad', 'bad:1'))));
    const create = (deploymentConfiguration: object): Promise<unknown> =>
      c.ecs.send(
        new CreateServiceCommand({
          cluster: 'prod',
          serviceName: 'bad',
          taskDefinition: 'bad',
          desiredCount: 1,
          launchType: 'FARGATE',
          networkConfiguration: network,
          deploymentConfiguration,
        }),
      );
    const cases: [object, RegExp][] = [
      [{ strategy: 'PURPLE' }, /Invalid deployment strategy/],
      [
        { strategy: 'BLUE_GREEN', linearConfiguration: { stepPercent: 10 } },
        /only valid when the deployment strategy is LINEAR/,
      ],
      [
        { strategy: 'LINEAR', linearConfiguration: { stepPercent: 2 } },
        /stepPercent must be a multiple of 0.1 between 3 and 100/,
      ],
      [
        { strategy: 'CANARY', canaryConfiguration: { canaryBakeTimeInMinutes: 1441 } },
        /canaryBakeTimeInMinutes/,
      ],
      [
        {
          strategy: 'BLUE_GREEN',
          lifecycleHooks: [{ targetType: 'PAUSE', lifecycleStages: ['PRODUCTION_TRAFFIC_SHIFT'] }],
        },
        /PAUSE lifecycle hooks cannot be configured at the PRODUCTION_TRAFFIC_SHIFT/,
      ],
      [
        { strategy: 'BLUE_GREEN', lifecycleHooks: [{ lifecycleStages: ['PRE_SCALE_UP'] }] },
        /hookTargetArn must be specified/,
      ],
      [{ strategy: 'BLUE_GREEN', earlySuccessCriteria: { enable: false } }, /only be used with the ROLLING/],
      [
        {
          deploymentCircuitBreaker: {
            enable: true,
            rollback: true,
            thresholdConfiguration: { type: 'SOME', value: 1 },
          },
        },
        /Invalid thresholdConfiguration type/,
      ],
    ];
    for (const [config, message] of cases) {
      const e = await errorOf(create(config));
      assert.equal(e.name, 'InvalidParameterException', JSON.stringify(config));
      assert.match(e.message, message);
    }
  });

  it('trips the circuit breaker at its configured threshold (COUNT) and reports it', async () => {
    await service('cb', {
      deploymentCircuitBreaker: {
        enable: true,
        rollback: true,
        thresholdConfiguration: { type: 'COUNT', value: 1 },
      },
    });
    const first = await latest('cb');
    assert.equal(first.deploymentCircuitBreaker?.threshold, 1);
    const arn = await deploy('cb', 'cb:crashloop');
    const { last } = await follow(arn);
    assert.equal(last.status, 'ROLLBACK_SUCCESSFUL');
    assert.equal(last.deploymentCircuitBreaker?.status, 'TRIGGERED');
    assert.equal(last.deploymentCircuitBreaker?.threshold, 1);
    assert.ok((last.deploymentCircuitBreaker?.failureCount ?? 0) >= 1);

    await service('cbu', {
      deploymentCircuitBreaker: {
        enable: true,
        rollback: false,
        thresholdConfiguration: { type: 'UNBOUNDED_PERCENT', value: 50 },
      },
    });
    assert.equal((await latest('cbu')).deploymentCircuitBreaker?.threshold, 1);
    await service('cbb', { deploymentCircuitBreaker: { enable: true, rollback: false } });
    assert.equal((await latest('cbb')).deploymentCircuitBreaker?.threshold, 3);
  });

  it('completes a rolling deployment early with earlySuccessCriteria (DEFERRED cleanup)', async () => {
    await service('early', {
      minimumHealthyPercent: 50,
      maximumPercent: 200,
      earlySuccessCriteria: { enable: true, healthyPercent: 50, sourceServiceRevisionCleanup: 'DEFERRED' },
    });
    const arn = await deploy('early', 'early:2');
    const { last } = await follow(arn);
    assert.equal(last.status, 'SUCCESSFUL');
    const s = await c.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: ['early'] }));
    // Successful while the old revision may still be draining in the background.
    assert.equal(s.services?.[0]?.deployments?.[0]?.rolloutState, 'COMPLETED');
  });
});
