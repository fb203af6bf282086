import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  UpdateContainerInstancesStateCommand,
} from '@aws-sdk/client-ecs';
import { registerContainerInstance } from '../../../emulator/ecs/containerInstances';
import { close, errorOf, until, suiteEmulator, withEmulator } from './helpers';

/**
 * The emulator behaves like AWS for every client (see awsParityHelpers.ts):
 * EC2 placement and container instances (item 2).
 */

describe('emulator parity: EC2 placement and container instances (item 2)', () => {
  const c = suiteEmulator({ scenario: 'empty', speed: 40 }, async (c) => {
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'ec2' }));
    await c.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'small',
        containerDefinitions: [
          {
            name: 'app',
            image: 'nginx:1.27',
            memory: 512,
            cpu: 256,
            portMappings: [{ containerPort: 80, hostPort: 8080 }],
          },
        ],
      }),
    );
  });

  it('RunTask on an EC2 cluster without instances is InvalidParameterException, as AWS answers', async () => {
    const error = await errorOf(
      c.ecs.send(new RunTaskCommand({ cluster: 'ec2', taskDefinition: 'small', launchType: 'EC2' })),
    );
    assert.equal(error.name, 'InvalidParameterException');
    assert.equal(error.message, 'No Container Instances were found in your cluster.');
  });

  it('a service with nothing to run on gets the AWS event and stays at 0 running', async () => {
    await c.ecs.send(
      new CreateServiceCommand({
        cluster: 'ec2',
        serviceName: 'nowhere',
        taskDefinition: 'small',
        desiredCount: 1,
        launchType: 'EC2',
      }),
    );
    const event = await until('placement failure event', async () => {
      const s = (await c.ecs.send(new DescribeServicesCommand({ cluster: 'ec2', services: ['nowhere'] })))
        .services?.[0];
      return s?.events?.find((e) => e.message?.includes('unable to place'));
    });
    assert.equal(
      event.message,
      '(service nowhere) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.',
    );
    const s = (await c.ecs.send(new DescribeServicesCommand({ cluster: 'ec2', services: ['nowhere'] })))
      .services?.[0];
    assert.equal(s?.runningCount, 0);
  });

  it('places by cpu, memory, host ports and constraints; lists, describes and drains instances', async () => {
    const cluster = c.emu.state.lookupCluster('ec2')!;
    const ctx = { state: c.emu.state, engine: undefined as never, clock: c.emu.state.clock };
    const a = registerContainerInstance(ctx, cluster, {
      instanceType: 't3.micro',
      availabilityZone: 'us-east-1a',
      cpu: 2048,
      memory: 1024,
    });
    const b = registerContainerInstance(ctx, cluster, {
      instanceType: 't3.large',
      availabilityZone: 'us-east-1b',
      cpu: 2048,
      memory: 4096,
    });
    // The service now fits and is placed (the scheduler retries).
    await until(
      'nowhere running',
      async () =>
        ((await c.ecs.send(new DescribeServicesCommand({ cluster: 'ec2', services: ['nowhere'] })))
          .services?.[0]?.runningCount ?? 0) === 1,
    );
    // memberOf with the cluster query language.
    const run = await c.ecs.send(
      new RunTaskCommand({
        cluster: 'ec2',
        taskDefinition: 'small',
        launchType: 'EC2',
        placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type == t3.large' }],
      }),
    );
    assert.equal(run.tasks?.[0]?.containerInstanceArn, b.arn);
    const inZones = await c.ecs.send(
      new RunTaskCommand({
        cluster: 'ec2',
        taskDefinition: 'small',
        launchType: 'EC2',
        count: 3,
        placementConstraints: [
          { type: 'memberOf', expression: 'attribute:ecs.availability-zone in [us-east-1a, us-east-1b]' },
        ],
      }),
    );
    // Host port 8080 is static: one task per instance at most, so of 4 tasks (the service's,
    // the memberOf one, 3 more) only 2 can ever run; the rest fail with RESOURCE:PORTS.
    assert.ok(
      (inZones.failures ?? []).some((f) => f.reason === 'RESOURCE:PORTS'),
      JSON.stringify(inZones.failures),
    );
    const list = await c.ecs.send(new ListContainerInstancesCommand({ cluster: 'ec2', maxResults: 1 }));
    assert.equal(list.containerInstanceArns?.length, 1);
    assert.ok(list.nextToken);
    const page2 = await c.ecs.send(
      new ListContainerInstancesCommand({ cluster: 'ec2', maxResults: 1, nextToken: list.nextToken }),
    );
    assert.equal(page2.nextToken, undefined);
    const filtered = await c.ecs.send(
      new ListContainerInstancesCommand({
        cluster: 'ec2',
        filter: 'attribute:ecs.instance-type == t3.micro',
      }),
    );
    assert.deepEqual(filtered.containerInstanceArns, [a.arn]);
    const described = await c.ecs.send(
      new DescribeContainerInstancesCommand({ cluster: 'ec2', containerInstances: [a.arn, b.id, 'nope'] }),
    );
    assert.equal(described.failures?.[0]?.reason, 'MISSING');
    const da = described.containerInstances?.find((x) => x.containerInstanceArn === a.arn);
    const mem = (list: { name?: string; integerValue?: number }[] | undefined): number | undefined =>
      list?.find((r) => r.name === 'MEMORY')?.integerValue;
    assert.equal(mem(da?.registeredResources), 1024);
    assert.equal(
      mem(da?.remainingResources),
      1024 - 512 * ((da?.runningTasksCount ?? 0) + (da?.pendingTasksCount ?? 0)),
    );
    assert.equal(da?.agentConnected, true);
    assert.ok(da?.attributes?.some((x) => x.name === 'ecs.instance-type' && x.value === 't3.micro'));
  });

  it('DRAINING moves a service task to another instance', async () => {
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'drain' }));
    const cluster = c.emu.state.lookupCluster('drain')!;
    const ctx = { state: c.emu.state, engine: undefined as never, clock: c.emu.state.clock };
    registerContainerInstance(ctx, cluster, { cpu: 2048, memory: 2048, availabilityZone: 'us-east-1a' });
    registerContainerInstance(ctx, cluster, { cpu: 2048, memory: 2048, availabilityZone: 'us-east-1b' });
    await c.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'mover',
        containerDefinitions: [{ name: 'a', image: 'busybox', memory: 256 }],
      }),
    );
    await c.ecs.send(
      new CreateServiceCommand({
        cluster: 'drain',
        serviceName: 'mover',
        taskDefinition: 'mover',
        desiredCount: 1,
        launchType: 'EC2',
      }),
    );
    const running = async (): Promise<{ instance?: string; status?: string }[]> => {
      const arns =
        (await c.ecs.send(new ListTasksCommand({ cluster: 'drain', serviceName: 'mover' }))).taskArns ?? [];
      if (arns.length === 0) return [];
      const ts = (await c.ecs.send(new DescribeTasksCommand({ cluster: 'drain', tasks: arns }))).tasks ?? [];
      return ts.map((t) => ({ instance: t.containerInstanceArn, status: t.lastStatus }));
    };
    const [first] = await until('mover running', async () => {
      const ts = await running();
      return ts.length === 1 && ts[0]?.status === 'RUNNING' ? ts : undefined;
    });
    const from = first?.instance;
    assert.ok(from);
    const updated = await c.ecs.send(
      new UpdateContainerInstancesStateCommand({
        cluster: 'drain',
        containerInstances: [from],
        status: 'DRAINING',
      }),
    );
    assert.equal(updated.containerInstances?.[0]?.status, 'DRAINING');
    await until(
      'service task moved off the draining instance',
      async () => {
        const ts = await running();
        return ts.length === 1 && ts[0]?.instance !== from && ts[0]?.status === 'RUNNING';
      },
      30000,
    );
  });

  it('binpack on memory fills the fullest instance first; distinctInstance spreads', async () => {
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'pack' }));
    const cluster = c.emu.state.lookupCluster('pack')!;
    const ctx = { state: c.emu.state, engine: undefined as never, clock: c.emu.state.clock };
    const big = registerContainerInstance(ctx, cluster, { cpu: 4096, memory: 8192 });
    const small = registerContainerInstance(ctx, cluster, { cpu: 4096, memory: 2048 });
    await c.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'nop',
        containerDefinitions: [{ name: 'a', image: 'busybox', memory: 256 }],
      }),
    );
    const packed = await c.ecs.send(
      new RunTaskCommand({
        cluster: 'pack',
        taskDefinition: 'nop',
        launchType: 'EC2',
        count: 2,
        placementStrategy: [{ type: 'binpack', field: 'memory' }],
      }),
    );
    assert.deepEqual(
      packed.tasks?.map((t) => t.containerInstanceArn),
      [small.arn, small.arn],
    );
    const distinct = await c.ecs.send(
      new RunTaskCommand({
        cluster: 'pack',
        taskDefinition: 'nop',
        launchType: 'EC2',
        count: 3,
        group: 'd',
        placementConstraints: [{ type: 'distinctInstance' }],
      }),
    );
    assert.equal(distinct.tasks?.length, 2);
    assert.deepEqual(
      new Set(distinct.tasks?.map((t) => t.containerInstanceArn)),
      new Set([big.arn, small.arn]),
    );
    assert.ok(
      distinct.failures?.every((f) => f.reason === 'DistinctInstance placement constraint unsatisfied.'),
    );
  });

  it('demo: staging has container instances, and the analytics service cannot be placed', async () => {
    const d = await withEmulator({ scenario: 'demo', speed: 40 });
    try {
      const arns =
        (await d.ecs.send(new ListContainerInstancesCommand({ cluster: 'staging' }))).containerInstanceArns ??
        [];
      assert.equal(arns.length, 2);
      const event = await until('analytics placement failure', async () => {
        const s = (
          await d.ecs.send(new DescribeServicesCommand({ cluster: 'staging', services: ['analytics'] }))
        ).services?.[0];
        return s?.events?.find((e) => e.message?.includes('unable to place'))?.message;
      });
      assert.match(
        event,
        /^\(service analytics\) was unable to place a task because no container instance met all of its requirements\. The closest matching \(container-instance [0-9a-f]{32}\) has insufficient memory available\./,
      );
      const [worker] =
        (
          await d.ecs.send(
            new DescribeTasksCommand({
              cluster: 'staging',
              tasks:
                (await d.ecs.send(new ListTasksCommand({ cluster: 'staging', serviceName: 'worker' })))
                  .taskArns ?? [],
            }),
          )
        ).tasks ?? [];
      assert.ok(arns.includes(worker?.containerInstanceArn ?? ''), 'EC2 tasks name their container instance');
    } finally {
      await close(d);
    }
  });
});
