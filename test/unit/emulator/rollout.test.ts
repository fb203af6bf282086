import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateClusterCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  type RegisterTaskDefinitionCommandInput,
  type Service,
} from '@aws-sdk/client-ecs';
import { fargateTaskDefinition, until, createFargateService, suiteEmulator } from './helpers';

const td = (x: Record<string, unknown>): RegisterTaskDefinitionCommandInput =>
  x as unknown as RegisterTaskDefinitionCommandInput;

describe('emulator: services over time', () => {
  const c = suiteEmulator({ scenario: 'empty', speed: 50 }, async (c) => {
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'prod' }));
  });

  async function describe1(name: string): Promise<Service> {
    const d = await c.ecs.send(new DescribeServicesCommand({ cluster: 'prod', services: [name] }));
    const s = d.services?.[0];
    if (!s) throw new Error(`no service ${name}`);
    return s;
  }

  async function steady(name: string): Promise<Service> {
    return until(`${name} steady`, async () => {
      const s = await describe1(name);
      const d = s.deployments ?? [];
      return d.length === 1 && d[0]?.rolloutState === 'COMPLETED' && s.runningCount === s.desiredCount
        ? s
        : undefined;
    });
  }

  async function createService(
    name: string,
    image: string,
    desired: number,
    deploymentConfiguration: object,
  ): Promise<void> {
    await createFargateService(c.ecs, {
      cluster: 'prod',
      name,
      image,
      desiredCount: desired,
      deploymentConfiguration,
    });
  }

  it('runs a rolling update honouring minimumHealthyPercent and maximumPercent', async () => {
    await createService('web', 'web:1', 4, { minimumHealthyPercent: 50, maximumPercent: 100 });
    const first = await steady('web');
    assert.equal(first.events?.[0]?.message, '(service web) has reached a steady state.');
    assert.ok(
      first.events?.some((e) =>
        /^\(service web\) has started 4 tasks: (\(task [0-9a-f]{32}\) ?){4}\.$/.test(e.message ?? ''),
      ),
    );

    await c.ecs.send(new RegisterTaskDefinitionCommand(td(fargateTaskDefinition('web', 'web:2'))));
    const updated = await c.ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'web', taskDefinition: 'web' }),
    );
    assert.equal(updated.service?.deployments?.[0]?.status, 'PRIMARY');
    assert.equal(updated.service?.deployments?.[0]?.rolloutState, 'IN_PROGRESS');
    assert.equal(updated.service?.deployments?.[1]?.status, 'ACTIVE');

    const done = await until('rollout completed', async () => {
      const s = await describe1('web');
      const deps = s.deployments ?? [];
      const total = deps.reduce((n, d) => n + (d.runningCount ?? 0) + (d.pendingCount ?? 0), 0);
      const running = deps.reduce((n, d) => n + (d.runningCount ?? 0), 0);
      assert.ok(total <= 4, `maximumPercent 100 exceeded: ${total} tasks`);
      assert.ok(running >= 2, `minimumHealthyPercent 50 violated: ${running} running`);
      return deps.length === 1 && deps[0]?.rolloutState === 'COMPLETED' ? s : undefined;
    });
    assert.equal(done.taskDefinition, 'arn:aws:ecs:us-east-1:123456789012:task-definition/web:2');
    assert.equal(done.deployments?.[0]?.taskDefinition, done.taskDefinition);
    assert.match(
      done.deployments?.[0]?.rolloutStateReason ?? '',
      /^ECS deployment ecs-svc\/\d{19} completed\.$/,
    );
    const messages = (done.events ?? []).map((e) => e.message ?? '');
    const oldestFirst = [...messages].reverse();
    const rollout = oldestFirst
      .slice(oldestFirst.indexOf('(service web) has reached a steady state.') + 1)
      .map((m) => /has (started|stopped) (\d) /.exec(m)?.slice(1, 3).join(' '))
      .filter((m) => m !== undefined);
    // maximumPercent 100: a new task starts only after an old one stopped; minimumHealthyPercent 50:
    // at most 2 of the 4 are stopped at a time.
    let stopped = 0;
    let started = 0;
    for (const step of rollout) {
      const [verb, n] = step.split(' ');
      if (verb === 'stopped') stopped += Number(n);
      else started += Number(n);
      assert.ok(started <= stopped, `started ${started} before stopping as many: ${rollout.join(', ')}`);
      assert.ok(stopped - started <= 2, `more than 2 tasks down at once: ${rollout.join(', ')}`);
    }
    assert.deepEqual([stopped, started], [4, 4]);
    assert.ok(
      messages.some((m) => /^\(service web\) \(deployment ecs-svc\/\d{19}\) deployment completed\.$/.test(m)),
    );
    await until(
      'steady state announced',
      async () =>
        (await describe1('web')).events?.[0]?.message === '(service web) has reached a steady state.',
    );

    const tasks = await c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'web' }));
    const d = await c.ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: tasks.taskArns ?? [] }));
    assert.equal(d.tasks?.length, 4);
    for (const t of d.tasks ?? []) assert.equal(t.taskDefinitionArn, done.taskDefinition);

    const history = await c.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'web' }));
    assert.deepEqual(
      history.serviceDeployments?.map((x) => x.status),
      ['SUCCESSFUL', 'SUCCESSFUL'],
    );
    const arns = (history.serviceDeployments ?? []).map((x) => x.serviceDeploymentArn ?? '');
    assert.match(arns[0] ?? '', /^arn:aws:ecs:us-east-1:123456789012:service-deployment\/prod\/web\/\w+$/);
    const full = await c.ecs.send(
      new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arns[0] ?? '', `${arns[0] ?? ''}x`] }),
    );
    assert.equal(full.serviceDeployments?.[0]?.targetServiceRevision?.requestedTaskCount, 4);
    assert.equal(full.serviceDeployments?.[0]?.sourceServiceRevisions?.length, 1);
    assert.equal(full.failures?.[0]?.reason, 'MISSING');
  });

  it('replaces a stopped task of a service', async () => {
    await createService('api', 'api:1', 2, {});
    await steady('api');
    const before = await c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'api' }));
    const victim = before.taskArns?.[0] ?? '';
    await c.ecs.send(new StopTaskCommand({ cluster: 'prod', task: victim, reason: 'testing replacement' }));
    const replaced = await until('replacement running', async () => {
      const l = await c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'api' }));
      const arns = l.taskArns ?? [];
      if (arns.includes(victim) || arns.length !== 2) return undefined;
      const d = await c.ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: arns }));
      return d.tasks?.every((t) => t.lastStatus === 'RUNNING') ? arns : undefined;
    });
    assert.ok(replaced.some((a) => !before.taskArns?.includes(a)));
    const s = await describe1('api');
    assert.ok(
      s.events?.some((e) =>
        /^\(service api\) has started 1 tasks: \(task [0-9a-f]{32}\)\.$/.test(e.message ?? ''),
      ),
    );
    const stopped = await c.ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: [victim] }));
    assert.equal(stopped.tasks?.[0]?.stopCode, 'UserInitiated');
  });

  it('fails a crash-looping deployment with the circuit breaker and rolls back', async () => {
    await createService('shop', 'shop:1.0', 2, {
      deploymentCircuitBreaker: { enable: true, rollback: true },
    });
    const good = await steady('shop');
    await c.ecs.send(new RegisterTaskDefinitionCommand(td(fargateTaskDefinition('shop', 'shop:crashloop'))));
    await c.ecs.send(
      new UpdateServiceCommand({ cluster: 'prod', service: 'shop', taskDefinition: 'shop:2' }),
    );
    const rolledBack = await until(
      'rollback completed',
      async () => {
        const s = await describe1('shop');
        const deps = s.deployments ?? [];
        return deps.length === 1 &&
          deps[0]?.rolloutState === 'COMPLETED' &&
          s.taskDefinition === good.taskDefinition
          ? s
          : undefined;
      },
      20000,
    );
    const messages = (rolledBack.events ?? []).map((e) => e.message ?? '');
    assert.ok(
      messages.some((m) =>
        /^\(service shop\) \(deployment ecs-svc\/\d{19}\) deployment failed: tasks failed to start\.$/.test(
          m,
        ),
      ),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /^\(service shop\) rolling back to deployment ecs-svc\/\d{19}\.$/.test(m)),
    );
    const stopped = await c.ecs.send(
      new ListTasksCommand({ cluster: 'prod', serviceName: 'shop', desiredStatus: 'STOPPED' }),
    );
    const d = await c.ecs.send(
      new DescribeTasksCommand({ cluster: 'prod', tasks: (stopped.taskArns ?? []).slice(0, 100) }),
    );
    const crashed = d.tasks?.filter((t) => t.stopCode === 'EssentialContainerExited') ?? [];
    assert.ok(crashed.length >= 3, `circuit breaker threshold is 3 failed tasks, saw ${crashed.length}`);
    for (const t of crashed) {
      assert.ok(t.taskDefinitionArn?.endsWith('shop:2'));
      assert.equal(t.stoppedReason, 'Essential container in task exited');
      assert.equal(t.containers?.[0]?.exitCode, 1);
    }
    const history = await c.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'shop' }));
    assert.equal(history.serviceDeployments?.[0]?.status, 'ROLLBACK_SUCCESSFUL');
    const full = await c.ecs.send(
      new DescribeServiceDeploymentsCommand({
        serviceDeploymentArns: [history.serviceDeployments?.[0]?.serviceDeploymentArn ?? ''],
      }),
    );
    assert.equal(full.serviceDeployments?.[0]?.deploymentCircuitBreaker?.status, 'TRIGGERED');
    assert.equal(full.serviceDeployments?.[0]?.rollback?.reason, 'Circuit breaker triggered rollback');
  });

  it('marks the deployment FAILED and keeps the old tasks when the circuit breaker has no rollback', async () => {
    await createService('cart', 'cart:1.0', 2, {
      deploymentCircuitBreaker: { enable: true, rollback: false },
    });
    await steady('cart');
    await c.ecs.send(new RegisterTaskDefinitionCommand(td(fargateTaskDefinition('cart', 'cart:crashloop'))));
    await c.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'cart', taskDefinition: 'cart' }));
    const failed = await until('deployment FAILED', async () => {
      const s = await describe1('cart');
      return s.deployments?.[0]?.rolloutState === 'FAILED' ? s : undefined;
    });
    assert.equal(
      failed.deployments?.[0]?.rolloutStateReason,
      'ECS deployment circuit breaker: tasks failed to start.',
    );
    assert.equal(failed.deployments?.[1]?.runningCount, 2, 'the previous deployment keeps serving');
  });

  it('rolls back an in-progress deployment with StopServiceDeployment', async () => {
    await createService('slow', 'slow:1', 1, {});
    await steady('slow');
    const slow = fargateTaskDefinition('slow', 'slow:2');
    const container = (slow.containerDefinitions as Record<string, unknown>[])[0] ?? {};
    container.healthCheck = { command: ['CMD-SHELL', 'true'], startPeriod: 300 };
    await c.ecs.send(new RegisterTaskDefinitionCommand(td(slow)));
    await c.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'slow', taskDefinition: 'slow' }));
    const list = await c.ecs.send(
      new ListServiceDeploymentsCommand({ cluster: 'prod', service: 'slow', status: ['IN_PROGRESS'] }),
    );
    const arn = list.serviceDeployments?.[0]?.serviceDeploymentArn ?? '';
    assert.ok(arn);
    await c.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }));
    const s = await until('rolled back to revision 1', async () => {
      const x = await describe1('slow');
      return x.deployments?.length === 1 && x.deployments[0]?.rolloutState === 'COMPLETED' ? x : undefined;
    });
    assert.equal(s.taskDefinition, 'arn:aws:ecs:us-east-1:123456789012:task-definition/slow:1');
    const after = await c.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }));
    assert.equal(after.serviceDeployments?.[0]?.status, 'ROLLBACK_SUCCESSFUL');
  });

  it('scales a service up and down without a new deployment', async () => {
    await createService('scale', 'scale:1', 1, {});
    const before = await steady('scale');
    await c.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'scale', desiredCount: 3 }));
    const up = await until('3 running', async () => {
      const s = await describe1('scale');
      return s.runningCount === 3 && s.deployments?.length === 1 ? s : undefined;
    });
    assert.equal(up.deployments?.[0]?.id, before.deployments?.[0]?.id);
    await c.ecs.send(new UpdateServiceCommand({ cluster: 'prod', service: 'scale', desiredCount: 0 }));
    await until('0 running', async () => (await describe1('scale')).runningCount === 0);
  });
});
