import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ClientException,
  ClusterContainsServicesException,
  ClusterNotFoundException,
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  InvalidParameterException,
  ListClustersCommand,
  ListServicesCommand,
  ListTagsForResourceCommand,
  ListTaskDefinitionFamiliesCommand,
  ListTaskDefinitionsCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  ServiceNotFoundException,
  StopTaskCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateServiceCommand,
  paginateListServices,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
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

const ECS = 'AmazonEC2ContainerServiceV20141113';
const td = (x: Record<string, unknown>): RegisterTaskDefinitionCommandInput =>
  x as unknown as RegisterTaskDefinitionCommandInput;

describe('emulator: ECS wire protocol', () => {
  let c: Clients;
  before(async () => {
    c = await withEmulator({ scenario: 'empty' });
  });
  after(() => close(c));

  it('rejects requests without a SigV4 Authorization header', async () => {
    const unsigned = await rawCall(c.emu.url, `${ECS}.ListClusters`, {});
    assert.equal(unsigned.status, 400);
    assert.equal(unsigned.body.__type, 'MissingAuthenticationTokenException');
    const malformed = await rawCall(c.emu.url, `${ECS}.ListClusters`, {}, { authorization: 'Bearer abc' });
    assert.equal(malformed.body.__type, 'IncompleteSignatureException');
    const wrongService = await rawCall(
      c.emu.url,
      `${ECS}.ListClusters`,
      {},
      { authorization: fakeSigV4('logs') },
    );
    assert.equal(wrongService.body.__type, 'InvalidSignatureException');
    const signed = await rawCall(c.emu.url, `${ECS}.ListClusters`, {}, { authorization: fakeSigV4('ecs') });
    assert.equal(signed.status, 200);
    assert.deepEqual(signed.body.clusterArns, []);
  });

  it('answers unknown operations and bad JSON with typed errors', async () => {
    const unknown = await rawCall(c.emu.url, `${ECS}.MakeCoffee`, {}, { authorization: fakeSigV4('ecs') });
    assert.equal(unknown.body.__type, 'UnknownOperationException');
    const res = await fetch(c.emu.url, {
      method: 'POST',
      headers: { 'x-amz-target': `${ECS}.ListClusters`, authorization: fakeSigV4('ecs') },
      body: '{not json',
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as { __type: string }).__type, 'SerializationException');
  });

  it('creates, describes, lists, paginates and deletes clusters', async () => {
    for (const name of ['alpha', 'beta', 'gamma'])
      await c.ecs.send(new CreateClusterCommand({ clusterName: name, tags: [{ key: 'team', value: name }] }));
    const first = await c.ecs.send(new ListClustersCommand({ maxResults: 2 }));
    assert.equal(first.clusterArns?.length, 2);
    assert.ok(first.nextToken);
    const second = await c.ecs.send(new ListClustersCommand({ maxResults: 2, nextToken: first.nextToken }));
    assert.deepEqual(second.clusterArns, ['arn:aws:ecs:us-east-1:123456789012:cluster/gamma']);
    assert.equal(second.nextToken, undefined);
    const d = await c.ecs.send(
      new DescribeClustersCommand({ clusters: ['alpha', 'nope'], include: ['TAGS'] }),
    );
    assert.equal(d.clusters?.[0]?.clusterArn, 'arn:aws:ecs:us-east-1:123456789012:cluster/alpha');
    assert.deepEqual(d.clusters?.[0]?.tags, [{ key: 'team', value: 'alpha' }]);
    assert.deepEqual(d.failures, [
      { arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/nope', reason: 'MISSING' },
    ]);
    const deleted = await c.ecs.send(new DeleteClusterCommand({ cluster: 'gamma' }));
    assert.equal(deleted.cluster?.status, 'INACTIVE');
    const after = await c.ecs.send(new ListClustersCommand({}));
    assert.ok(!after.clusterArns?.some((a) => a.endsWith('/gamma')));
    const e = await errorOf(c.ecs.send(new ListServicesCommand({ cluster: 'gamma' })));
    assert.ok(e instanceof ClusterNotFoundException, e.name);
    assert.equal(e.$metadata?.httpStatusCode, 400);
    const bad = await errorOf(c.ecs.send(new ListClustersCommand({ nextToken: 'garbage' })));
    assert.ok(bad instanceof InvalidParameterException);
  });

  it('registers task definitions with revisions counting up per family', async () => {
    const one = await c.ecs.send(
      new RegisterTaskDefinitionCommand(td(fargateTaskDefinition('shop', 'shop:1'))),
    );
    const two = await c.ecs.send(
      new RegisterTaskDefinitionCommand(td(fargateTaskDefinition('shop', 'shop:2'))),
    );
    const other = await c.ecs.send(
      new RegisterTaskDefinitionCommand(td(fargateTaskDefinition('cart', 'cart:1'))),
    );
    assert.equal(
      one.taskDefinition?.taskDefinitionArn,
      'arn:aws:ecs:us-east-1:123456789012:task-definition/shop:1',
    );
    assert.equal(two.taskDefinition?.revision, 2);
    assert.equal(other.taskDefinition?.revision, 1);
    assert.deepEqual(two.taskDefinition?.compatibilities, ['EC2', 'FARGATE']);
    assert.equal(two.taskDefinition?.status, 'ACTIVE');
    assert.ok(two.taskDefinition?.registeredAt instanceof Date);
    assert.ok(Math.abs((two.taskDefinition?.registeredAt?.getTime() ?? 0) - Date.now()) < 60000);
    assert.equal(two.taskDefinition?.containerDefinitions?.[0]?.essential, true);
    assert.equal(two.taskDefinition?.containerDefinitions?.[0]?.portMappings?.[0]?.hostPort, 8080);

    const latest = await c.ecs.send(
      new DescribeTaskDefinitionCommand({ taskDefinition: 'shop', include: ['TAGS'] }),
    );
    assert.equal(latest.taskDefinition?.revision, 2);
    assert.deepEqual(latest.tags, []);
    await c.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'shop:1' }));
    const active = await c.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: 'shop' }));
    assert.deepEqual(active.taskDefinitionArns, [
      'arn:aws:ecs:us-east-1:123456789012:task-definition/shop:2',
    ]);
    const inactive = await c.ecs.send(new ListTaskDefinitionsCommand({ status: 'INACTIVE' }));
    assert.deepEqual(inactive.taskDefinitionArns, [
      'arn:aws:ecs:us-east-1:123456789012:task-definition/shop:1',
    ]);
    const desc = await c.ecs.send(new ListTaskDefinitionsCommand({ sort: 'DESC' }));
    assert.deepEqual(
      desc.taskDefinitionArns?.map((a) => a.split('/')[1]),
      ['shop:2', 'cart:1'],
    );
    const families = await c.ecs.send(new ListTaskDefinitionFamiliesCommand({ familyPrefix: 'sh' }));
    assert.deepEqual(families.families, ['shop']);
    const missing = await errorOf(
      c.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: 'nope:9' })),
    );
    assert.ok(missing instanceof ClientException);
    const noRevision = await errorOf(
      c.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'shop' })),
    );
    assert.ok(noRevision instanceof ClientException);
  });

  it('rejects task definitions ECS rejects, with ECS messages', async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { family: 'x', containerDefinitions: [{ name: 'a', memory: 128 }] },
        /Container\.image should not be null or empty/,
      ],
      [
        { family: 'x', containerDefinitions: [{ image: 'nginx', memory: 128 }] },
        /Container\.name should not be null or empty/,
      ],
      [
        { family: 'bad name', containerDefinitions: [{ name: 'a', image: 'nginx', memory: 128 }] },
        /Family contains invalid characters/,
      ],
      [
        { family: 'x', containerDefinitions: [{ name: 'a', image: 'nginx' }] },
        /At least one of 'memory' or 'memoryReservation'/,
      ],
      [{ family: 'x', containerDefinitions: [] }, /Container list cannot be empty/],
      [
        fargateTaskDefinition('x', 'nginx', { cpu: '256', memory: '4096' }),
        /No Fargate configuration exists for given values: 256 CPU, 4096 memory/,
      ],
      [
        fargateTaskDefinition('x', 'nginx', { networkMode: 'bridge' }),
        /Fargate only supports network mode 'awsvpc'/,
      ],
      [
        fargateTaskDefinition('x', 'nginx', { executionRoleArn: undefined }),
        /execution role ARN to support log driver awslogs/,
      ],
      [
        { family: 'x', containerDefinitions: [{ name: 'a', image: 'n', memory: 128, essential: false }] },
        /at least one essential container/,
      ],
    ];
    for (const [input, message] of cases) {
      const e = await errorOf(c.ecs.send(new RegisterTaskDefinitionCommand(td(input))));
      assert.ok(e instanceof ClientException, `${e.name} for ${JSON.stringify(input)}`);
      assert.match(e.message, message);
    }
    // "1 vCPU" / "2 GB" forms are accepted.
    const ok = await c.ecs.send(
      new RegisterTaskDefinitionCommand(
        td(fargateTaskDefinition('vcpu', 'nginx', { cpu: '1 vCPU', memory: '2 GB' })),
      ),
    );
    assert.equal(ok.taskDefinition?.cpu, '1 vCPU');
    // Read-only fields from describe output are rejected (the SDK drops them; raw clients may not).
    const raw = await rawCall(
      c.emu.url,
      `${ECS}.RegisterTaskDefinition`,
      {
        ...fargateTaskDefinition('ro', 'nginx'),
        taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/ro:1',
      },
      { authorization: fakeSigV4('ecs') },
    );
    assert.equal(raw.body.__type, 'ClientException');
    assert.match(String(raw.body.message), /taskDefinitionArn/);
  });

  it('creates services with ECS validation, lists them 10 at a time and describes at most 10', async () => {
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'svc' }));
    await c.ecs.send(new RegisterTaskDefinitionCommand(td(fargateTaskDefinition('many', 'many:1'))));
    const noNetwork = await errorOf(
      c.ecs.send(
        new CreateServiceCommand({
          cluster: 'svc',
          serviceName: 's',
          taskDefinition: 'many',
          desiredCount: 0,
          launchType: 'FARGATE',
        }),
      ),
    );
    assert.ok(noNetwork instanceof InvalidParameterException);
    assert.match(
      noNetwork.message,
      /Network Configuration must be provided when networkMode 'awsvpc' is specified/,
    );
    for (let i = 0; i < 25; i++) {
      await c.ecs.send(
        new CreateServiceCommand({
          cluster: 'svc',
          serviceName: `s${String(i).padStart(2, '0')}`,
          taskDefinition: 'many',
          desiredCount: 0,
          launchType: 'FARGATE',
          networkConfiguration: network,
        }),
      );
    }
    const dup = await errorOf(
      c.ecs.send(
        new CreateServiceCommand({
          cluster: 'svc',
          serviceName: 's00',
          taskDefinition: 'many',
          desiredCount: 0,
          launchType: 'FARGATE',
          networkConfiguration: network,
        }),
      ),
    );
    assert.ok(dup instanceof InvalidParameterException);
    const page = await c.ecs.send(new ListServicesCommand({ cluster: 'svc' }));
    assert.equal(page.serviceArns?.length, 10, 'ListServices defaults to 10 per page');
    assert.ok(page.nextToken);
    const all: string[] = [];
    let pages = 0;
    for await (const p of paginateListServices({ client: c.ecs, pageSize: 100 }, { cluster: 'svc' })) {
      pages++;
      all.push(...(p.serviceArns ?? []));
    }
    assert.equal(pages, 1);
    assert.equal(all.length, 25);
    assert.equal(all[0], 'arn:aws:ecs:us-east-1:123456789012:service/svc/s00');
    const tooBig = await errorOf(c.ecs.send(new ListServicesCommand({ cluster: 'svc', maxResults: 101 })));
    assert.ok(tooBig instanceof InvalidParameterException);
    const eleven = await errorOf(
      c.ecs.send(new DescribeServicesCommand({ cluster: 'svc', services: all.slice(0, 11) })),
    );
    assert.ok(eleven instanceof InvalidParameterException);
    const d = await c.ecs.send(new DescribeServicesCommand({ cluster: 'svc', services: ['s01', 'ghost'] }));
    assert.equal(d.services?.[0]?.serviceName, 's01');
    assert.equal(d.services?.[0]?.deployments?.[0]?.status, 'PRIMARY');
    assert.deepEqual(d.failures, [
      { arn: 'arn:aws:ecs:us-east-1:123456789012:service/svc/ghost', reason: 'MISSING' },
    ]);
    const missing = await errorOf(
      c.ecs.send(new UpdateServiceCommand({ cluster: 'svc', service: 'ghost', desiredCount: 1 })),
    );
    assert.ok(missing instanceof ServiceNotFoundException);
    const busy = await errorOf(c.ecs.send(new DeleteClusterCommand({ cluster: 'svc' })));
    assert.ok(busy instanceof ClusterContainsServicesException);
  });

  it('refuses to delete a scaled service without force, drains it with force', async () => {
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'del' }));
    await c.ecs.send(new RegisterTaskDefinitionCommand(td(fargateTaskDefinition('del', 'del:1'))));
    await c.ecs.send(
      new CreateServiceCommand({
        cluster: 'del',
        serviceName: 'web',
        taskDefinition: 'del',
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    const refused = await errorOf(c.ecs.send(new DeleteServiceCommand({ cluster: 'del', service: 'web' })));
    assert.ok(refused instanceof InvalidParameterException);
    assert.match(refused.message, /scaled above 0/);
    const draining = await c.ecs.send(
      new DeleteServiceCommand({ cluster: 'del', service: 'web', force: true }),
    );
    assert.equal(draining.service?.status, 'DRAINING');
    await until('service INACTIVE', async () => {
      const d = await c.ecs.send(new DescribeServicesCommand({ cluster: 'del', services: ['web'] }));
      return d.services?.[0]?.status === 'INACTIVE';
    });
    const listed = await c.ecs.send(new ListServicesCommand({ cluster: 'del' }));
    assert.deepEqual(listed.serviceArns, []);
    const tasks = await c.ecs.send(new ListTasksCommand({ cluster: 'del' }));
    assert.deepEqual(tasks.taskArns, []);
  });

  it('runs, lists, describes and stops standalone tasks through their lifecycle', async () => {
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'run' }));
    await c.ecs.send(new RegisterTaskDefinitionCommand(td(fargateTaskDefinition('job', 'job:1'))));
    const noNetwork = await errorOf(
      c.ecs.send(new RunTaskCommand({ cluster: 'run', taskDefinition: 'job', launchType: 'FARGATE' })),
    );
    assert.ok(noNetwork instanceof InvalidParameterException);
    const run = await c.ecs.send(
      new RunTaskCommand({
        cluster: 'run',
        taskDefinition: 'job',
        launchType: 'FARGATE',
        count: 3,
        networkConfiguration: network,
        startedBy: 'nightly',
      }),
    );
    assert.equal(run.tasks?.length, 3);
    const first = run.tasks?.[0];
    assert.equal(first?.lastStatus, 'PROVISIONING');
    assert.equal(first?.desiredStatus, 'RUNNING');
    assert.equal(first?.group, 'family:job');
    assert.match(first?.taskArn ?? '', /^arn:aws:ecs:us-east-1:123456789012:task\/run\/[0-9a-f]{32}$/);
    const arn = first?.taskArn ?? '';
    const running = await until('task RUNNING', async () => {
      const d = await c.ecs.send(new DescribeTasksCommand({ cluster: 'run', tasks: [arn] }));
      const t = d.tasks?.[0];
      return t?.lastStatus === 'RUNNING' ? t : undefined;
    });
    assert.ok(running.startedAt instanceof Date);
    assert.ok(
      running.pullStartedAt && running.pullStoppedAt && running.pullStartedAt <= running.pullStoppedAt,
    );
    assert.equal(running.containers?.[0]?.lastStatus, 'RUNNING');
    assert.equal(running.attachments?.[0]?.type, 'ElasticNetworkInterface');
    const byStarter = await c.ecs.send(
      new ListTasksCommand({ cluster: 'run', startedBy: 'nightly', maxResults: 2 }),
    );
    assert.equal(byStarter.taskArns?.length, 2);
    assert.ok(byStarter.nextToken);
    const byFamily = await c.ecs.send(new ListTasksCommand({ cluster: 'run', family: 'job' }));
    assert.equal(byFamily.taskArns?.length, 3);
    const stop = await c.ecs.send(
      new StopTaskCommand({ cluster: 'run', task: arn, reason: 'done for today' }),
    );
    assert.equal(stop.task?.desiredStatus, 'STOPPED');
    const stopped = await until('task STOPPED', async () => {
      const d = await c.ecs.send(new DescribeTasksCommand({ cluster: 'run', tasks: [arn] }));
      const t = d.tasks?.[0];
      return t?.lastStatus === 'STOPPED' ? t : undefined;
    });
    assert.equal(stopped.stopCode, 'UserInitiated');
    assert.equal(stopped.stoppedReason, 'done for today');
    assert.ok(stopped.stoppedAt instanceof Date);
    const stoppedList = await c.ecs.send(new ListTasksCommand({ cluster: 'run', desiredStatus: 'STOPPED' }));
    assert.deepEqual(stoppedList.taskArns, [arn]);
    const mixed = await c.ecs.send(
      new DescribeTasksCommand({ cluster: 'run', tasks: [arn, '0123456789abcdef0123456789abcdef'] }),
    );
    assert.equal(mixed.tasks?.length, 1);
    assert.deepEqual(mixed.failures, [
      {
        arn: 'arn:aws:ecs:us-east-1:123456789012:task/run/0123456789abcdef0123456789abcdef',
        reason: 'MISSING',
      },
    ]);
    const tooMany = await errorOf(
      c.ecs.send(
        new DescribeTasksCommand({ cluster: 'run', tasks: Array.from({ length: 101 }, (_, i) => `t${i}`) }),
      ),
    );
    assert.ok(tooMany instanceof InvalidParameterException);
    const noService = await errorOf(
      c.ecs.send(new ListTasksCommand({ cluster: 'run', serviceName: 'ghost' })),
    );
    assert.ok(noService instanceof ServiceNotFoundException);
  });

  it('tags and untags resources', async () => {
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'tagged' }));
    const arn = 'arn:aws:ecs:us-east-1:123456789012:cluster/tagged';
    await c.ecs.send(
      new TagResourceCommand({
        resourceArn: arn,
        tags: [
          { key: 'env', value: 'prod' },
          { key: 'team', value: 'a' },
        ],
      }),
    );
    await c.ecs.send(new TagResourceCommand({ resourceArn: arn, tags: [{ key: 'team', value: 'b' }] }));
    await c.ecs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['env'] }));
    const tags = await c.ecs.send(new ListTagsForResourceCommand({ resourceArn: arn }));
    assert.deepEqual(tags.tags, [{ key: 'team', value: 'b' }]);
    const missing = await errorOf(c.ecs.send(new ListTagsForResourceCommand({ resourceArn: `${arn}-nope` })));
    assert.ok(missing instanceof InvalidParameterException);
  });
});
