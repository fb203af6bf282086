import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DescribeCapacityProvidersCommand,
  DescribeClustersCommand,
  ListAccountSettingsCommand,
  ListContainerInstancesCommand,
  PutClusterCapacityProvidersCommand,
  UpdateClusterCommand,
} from '@aws-sdk/client-ecs';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { errorOf, fakeSigV4, rawCall, suiteEmulator } from './helpers';
import { ECS } from './awsParityHelpers';

/**
 * The emulator behaves like AWS for every client (see awsParityHelpers.ts):
 * statistics, PutLogEvents time limits, Region, missing operations (item 5).
 */

describe('emulator parity: statistics, PutLogEvents time limits, Region, missing operations (item 5)', () => {
  const c = suiteEmulator({ scenario: 'demo' });

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
