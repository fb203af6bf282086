import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListAccountSettingsCommand,
  ListContainerInstancesCommand,
  ListServiceDeploymentsCommand,
  ListTasksCommand,
  PutClusterCapacityProvidersCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopServiceDeploymentCommand,
  UpdateClusterCommand,
  UpdateContainerInstancesStateCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { CallLog } from '../../../emulator';
import { registerContainerInstance } from '../../../emulator/ecs/containerInstances';
import { compileFilterPattern } from '../../../emulator/logs/filterPattern';
import {
  close,
  errorOf,
  fakeSigV4,
  fargateTaskDefinition,
  network,
  rawCall,
  until,
  withEmulator,
  type Clients,
} from './helpers';

/**
 * The differences of issue "The emulator behaves like AWS for every client, not only ours", one
 * test (or more) per item; each failed on the emulator before its fix.
 */

const ECS = 'AmazonEC2ContainerServiceV20141113';

describe('emulator parity: StartLiveTail initial-response (item 1)', () => {
  let c: Clients;
  before(async () => {
    c = await withEmulator({ scenario: 'demo', speed: 20 });
  });
  after(() => close(c));

  it('opens the stream with an initial-response event, byte for byte, then sessionStart', async () => {
    const arn = `arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web`;
    const abort = new AbortController();
    const res = await fetch(c.emu.url, {
      method: 'POST',
      signal: abort.signal,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Logs_20140328.StartLiveTail',
        authorization: fakeSigV4('logs'),
      },
      body: JSON.stringify({ logGroupIdentifiers: [arn] }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.amazon.eventstream');
    const reader = res.body!.getReader();
    let buf: Buffer = Buffer.alloc(0);
    const frames: Buffer[] = [];
    while (frames.length < 2) {
      const chunk = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (chunk.done || !chunk.value) break;
      buf = Buffer.concat([buf, Buffer.from(chunk.value)]);
      while (buf.length >= 4) {
        const total = buf.readUInt32BE(0);
        if (buf.length < total) break;
        frames.push(buf.subarray(0, total));
        buf = buf.subarray(total);
      }
    }
    abort.abort();
    const codec = new EventStreamCodec(toUtf8, fromUtf8);
    const expected = codec.encode({
      headers: {
        ':message-type': { type: 'string', value: 'event' },
        ':event-type': { type: 'string', value: 'initial-response' },
        ':content-type': { type: 'string', value: 'application/json' },
      },
      body: fromUtf8('{}'),
    });
    assert.deepEqual(frames[0], Buffer.from(expected), 'first frame is the initial-response');
    const second = codec.decode(frames[1]!);
    assert.equal(second.headers[':event-type']?.value, 'sessionStart');
  });
});

describe('emulator parity: EC2 placement and container instances (item 2)', () => {
  let c: Clients;
  before(async () => {
    c = await withEmulator({ scenario: 'empty', speed: 40 });
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
  after(() => close(c));

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

describe('emulator parity: StopServiceDeployment ROLLBACK (item 3)', () => {
  let c: Clients;
  before(async () => {
    c = await withEmulator({ scenario: 'empty', speed: 0.001 });
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'sd' }));
    await c.ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('one', 'app:1') as never));
    await c.ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('one', 'app:2') as never));
  });
  after(() => close(c));

  it('a failed ROLLBACK (no previous revision) changes nothing', async () => {
    await c.ecs.send(
      new CreateServiceCommand({
        cluster: 'sd',
        serviceName: 'first',
        taskDefinition: 'one:1',
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    const [sd] =
      (await c.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'sd', service: 'first' })))
        .serviceDeployments ?? [];
    const error = await errorOf(
      c.ecs.send(
        new StopServiceDeploymentCommand({
          serviceDeploymentArn: sd!.serviceDeploymentArn!,
          stopType: 'ROLLBACK',
        }),
      ),
    );
    assert.equal(error.name, 'InvalidParameterException');
    const s = (await c.ecs.send(new DescribeServicesCommand({ cluster: 'sd', services: ['first'] })))
      .services?.[0];
    assert.equal(s?.deployments?.length, 1);
    assert.equal(s?.deployments?.[0]?.rolloutState, 'IN_PROGRESS', 'the deployment was not marked FAILED');
    const [after] =
      (await c.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'sd', service: 'first' })))
        .serviceDeployments ?? [];
    assert.equal(after?.status, 'IN_PROGRESS');
  });

  it('rolls back to the previous revision even when its deployment never COMPLETED', async () => {
    await c.ecs.send(
      new CreateServiceCommand({
        cluster: 'sd',
        serviceName: 'second',
        taskDefinition: 'one:1',
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    await c.ecs.send(new UpdateServiceCommand({ cluster: 'sd', service: 'second', taskDefinition: 'one:2' }));
    const [newest] =
      (await c.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'sd', service: 'second' })))
        .serviceDeployments ?? [];
    await c.ecs.send(
      new StopServiceDeploymentCommand({
        serviceDeploymentArn: newest!.serviceDeploymentArn!,
        stopType: 'ROLLBACK',
      }),
    );
    const s = (await c.ecs.send(new DescribeServicesCommand({ cluster: 'sd', services: ['second'] })))
      .services?.[0];
    assert.match(s?.taskDefinition ?? '', /task-definition\/one:1$/);
    assert.equal(s?.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition, s?.taskDefinition);
  });
});

describe('emulator parity: regex filter patterns (item 4)', () => {
  it('matches %regex% standalone, in JSON and in space-delimited patterns', () => {
    assert.equal(compileFilterPattern('%ERROR%')('2024 ERROR boom'), true);
    assert.equal(compileFilterPattern('%ERROR%')('2024 INFO ok'), false);
    assert.equal(compileFilterPattern('%5\\d\\d%')('GET /api 503 12ms'), true);
    assert.equal(compileFilterPattern('%5\\d\\d%')('GET /api 404 12ms'), false);
    assert.equal(compileFilterPattern('%^[hc]at%')('cat sat'), true);
    assert.equal(compileFilterPattern('%^[hc]at%')('a cat'), false);
    assert.equal(compileFilterPattern('{ $.path = %^/api% }')('{"path":"/api/x"}'), true);
    assert.equal(compileFilterPattern('[ip, status = %5\\d\\d%, size]')('10.0.0.1 502 99'), true);
    assert.equal(compileFilterPattern('[ip, status = %5\\d\\d%, size]')('10.0.0.1 200 99'), false);
  });

  it('rejects what the user guide does not allow: parentheses, unsupported symbols, more than 2', () => {
    assert.throws(() => compileFilterPattern('%(a|b)%'), /InvalidParameter|not support/i);
    assert.throws(() => compileFilterPattern('%something!%'));
    assert.throws(() => compileFilterPattern('[a = %x%, b = %y%, c = %z%]'));
  });

  it('applies in FilterLogEvents through the SDK', async () => {
    const c = await withEmulator({ scenario: 'empty' });
    try {
      await c.logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
      await c.logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
      const now = Date.now();
      await c.logs.send(
        new PutLogEventsCommand({
          logGroupName: 'g',
          logStreamName: 's',
          logEvents: ['GET / 200', 'GET / 503', 'GET / 500 ERROR'].map((message, i) => ({
            timestamp: now + i,
            message,
          })),
        }),
      );
      const out = await c.logs.send(
        new FilterLogEventsCommand({ logGroupName: 'g', filterPattern: '%5\\d\\d%' }),
      );
      assert.deepEqual(
        out.events?.map((e) => e.message),
        ['GET / 503', 'GET / 500 ERROR'],
      );
    } finally {
      await close(c);
    }
  });
});

describe('emulator parity: statistics, PutLogEvents time limits, Region, missing operations (item 5)', () => {
  let c: Clients;
  before(async () => {
    c = await withEmulator({ scenario: 'demo' });
  });
  after(() => close(c));

  it('DescribeClusters include STATISTICS returns the documented counters', async () => {
    const out = await c.ecs.send(
      new DescribeClustersCommand({ clusters: ['prod', 'staging'], include: ['STATISTICS'] }),
    );
    const stats = (i: number): Record<string, string> =>
      Object.fromEntries((out.clusters?.[i]?.statistics ?? []).map((kv) => [kv.name ?? '', kv.value ?? '']));
    const prod = stats(0);
    assert.deepEqual(Object.keys(prod).sort(), [
      'activeEC2ServiceCount',
      'activeFargateServiceCount',
      'drainingEC2ServiceCount',
      'drainingFargateServiceCount',
      'pendingEC2TasksCount',
      'pendingFargateTasksCount',
      'runningEC2TasksCount',
      'runningFargateTasksCount',
    ]);
    assert.equal(prod.activeFargateServiceCount, '3');
    assert.equal(stats(1).activeEC2ServiceCount, '3');
    assert.equal(stats(1).runningEC2TasksCount, '3');
  });

  it('PutLogEvents rejects too old / too new events and batches over 24 hours', async () => {
    await c.logs.send(new CreateLogGroupCommand({ logGroupName: 'times' }));
    await c.logs.send(new CreateLogStreamCommand({ logGroupName: 'times', logStreamName: 's' }));
    const now = Date.now();
    const day = 24 * 3600 * 1000;
    const old = await c.logs.send(
      new PutLogEventsCommand({
        logGroupName: 'times',
        logStreamName: 's',
        logEvents: [
          { timestamp: now - 15 * day, message: 'old' },
          { timestamp: now - 15 * day + 1000, message: 'old too' },
          { timestamp: now - 15 * day + 2000, message: 'also old' },
        ],
      }),
    );
    assert.deepEqual(old.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 3 });
    const mixed = await c.logs.send(
      new PutLogEventsCommand({
        logGroupName: 'times',
        logStreamName: 's',
        logEvents: [
          { timestamp: now, message: 'fine' },
          { timestamp: now + 3 * 3600 * 1000, message: 'future' },
        ],
      }),
    );
    assert.deepEqual(mixed.rejectedLogEventsInfo, { tooNewLogEventStartIndex: 1 });
    const stored = c.emu.state.logs.groups
      .get('times')
      ?.streams.get('s')
      ?.events.map((e) => e.message);
    assert.deepEqual(stored, ['fine']);
    const span = await errorOf(
      c.logs.send(
        new PutLogEventsCommand({
          logGroupName: 'times',
          logStreamName: 's',
          logEvents: [
            { timestamp: now - 2 * day, message: 'a' },
            { timestamp: now, message: 'b' },
          ],
        }),
      ),
    );
    assert.equal(span.name, 'InvalidParameterException');
  });

  it('refuses a signature scoped to another Region, as a regional endpoint does', async () => {
    const res = await rawCall(
      c.emu.url,
      `${ECS}.ListClusters`,
      {},
      {
        authorization: fakeSigV4('ecs').replace('/us-east-1/', '/eu-west-1/'),
      },
    );
    assert.equal(res.status, 400);
    assert.equal(res.body.__type, 'InvalidSignatureException');
    assert.match(String(res.body.message), /Credential should be scoped to a valid region, not 'eu-west-1'/);
  });

  it('implements UpdateCluster, PutClusterCapacityProviders, DescribeCapacityProviders, ListAccountSettings', async () => {
    const updated = await c.ecs.send(
      new UpdateClusterCommand({
        cluster: 'prod',
        settings: [{ name: 'containerInsights', value: 'enabled' }],
      }),
    );
    assert.deepEqual(updated.cluster?.settings, [{ name: 'containerInsights', value: 'enabled' }]);
    const put = await c.ecs.send(
      new PutClusterCapacityProvidersCommand({
        cluster: 'batch',
        capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
        defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      }),
    );
    assert.deepEqual(put.cluster?.capacityProviders, ['FARGATE', 'FARGATE_SPOT']);
    assert.equal(put.cluster?.defaultCapacityProviderStrategy?.[0]?.capacityProvider, 'FARGATE_SPOT');
    const cps = await c.ecs.send(new DescribeCapacityProvidersCommand({}));
    assert.deepEqual(
      cps.capacityProviders?.map((p) => p.name),
      ['FARGATE', 'FARGATE_SPOT'],
    );
    const settings = await c.ecs.send(new ListAccountSettingsCommand({ effectiveSettings: true }));
    assert.ok(settings.settings?.some((s) => s.name === 'serviceLongArnFormat' && s.value === 'enabled'));
    const listed = await c.ecs.send(new ListContainerInstancesCommand({ cluster: 'staging' }));
    assert.equal(listed.containerInstanceArns?.length, 2);
  });
});

describe('emulator parity: hardening (item 6)', () => {
  let c: Clients;
  before(async () => {
    c = await withEmulator({ scenario: 'demo' });
  });
  after(() => close(c));

  for (const op of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`X-Amz-Target ${op} is UnknownOperationException 400, not internal state`, async () => {
      const res = await rawCall(c.emu.url, `${ECS}.${op}`, {}, { authorization: fakeSigV4('ecs') });
      assert.equal(res.status, 400);
      assert.equal(res.body.__type, 'UnknownOperationException');
    });
  }

  it('answers a body over 16 MiB with 413, not a connection reset', async () => {
    const res = await fetch(c.emu.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${ECS}.ListClusters`,
        authorization: fakeSigV4('ecs'),
      },
      body: `{"x":"${'a'.repeat(17 * 1024 * 1024)}"}`,
    });
    assert.equal(res.status, 413);
  });

  it('admin: needs the token, a loopback Host and JSON bodies', async () => {
    const url = `${c.emu.url}/__admin/state`;
    assert.equal((await fetch(url)).status, 401);
    assert.equal((await fetch(url, { headers: { 'x-emulator-admin-token': 'wrong' } })).status, 401);
    assert.equal((await fetch(url, { headers: { 'x-emulator-admin-token': c.emu.adminToken } })).status, 200);
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        url,
        { headers: { host: 'evil.example', 'x-emulator-admin-token': c.emu.adminToken } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 403);
    const form = await fetch(`${c.emu.url}/__admin/reset`, {
      method: 'POST',
      headers: { 'x-emulator-admin-token': c.emu.adminToken, 'content-type': 'text/plain' },
      body: '{"scenario":"empty"}',
    });
    assert.equal(form.status, 415);
    assert.equal(c.emu.state.clusters.size, 3, 'the refused reset did nothing');
  });

  it('keeps a bounded call log with exact counts', () => {
    const log = new CallLog(10);
    for (let i = 0; i < 25; i++) log.add({ service: 'ecs', operation: i % 2 ? 'A' : 'B', at: i, params: {} });
    assert.equal(log.list().length, 10);
    assert.equal(log.list()[0]?.at, 15);
    assert.equal(log.count(), 25);
    assert.deepEqual(log.byOperation(), { B: 13, A: 12 });
  });
});
