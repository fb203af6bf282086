import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ClientException,
  ClusterNotFoundException,
  CreateClusterCommand,
  DeleteClusterCommand,
  DeregisterTaskDefinitionCommand,
  DescribeClustersCommand,
  DescribeTaskDefinitionCommand,
  InvalidParameterException,
  ListClustersCommand,
  ListServicesCommand,
  ListTaskDefinitionFamiliesCommand,
  ListTaskDefinitionsCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
} from '@aws-sdk/client-ecs';
import { errorOf, fakeSigV4, fargateTaskDefinition, rawCall, suiteEmulator } from './helpers';

const ECS = 'AmazonEC2ContainerServiceV20141113';
const td = (x: Record<string, unknown>): RegisterTaskDefinitionCommandInput =>
  x as unknown as RegisterTaskDefinitionCommandInput;

describe('emulator: ECS wire protocol', () => {
  const c = suiteEmulator({ scenario: 'empty' });

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
});
