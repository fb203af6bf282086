import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DescribeLogStreamsCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListClustersCommand,
  ListTasksCommand,
  paginateListServices,
  paginateListTasks,
} from '@aws-sdk/client-ecs';
import { close, until, withEmulator } from './helpers';

describe('emulator: scenarios', () => {
  it('demo: three clusters, Fargate and EC2 services, a rollout, a crash loop, a scheduled task, logs', async () => {
    const c = await withEmulator({ scenario: 'demo', speed: 50 });
    try {
      const clusters = await c.ecs.send(new ListClustersCommand({}));
      assert.deepEqual(
        clusters.clusterArns?.map((a) => a.split('/')[1]),
        ['prod', 'staging', 'batch'],
      );
      const prod = await c.ecs.send(
        new DescribeServicesCommand({ cluster: 'prod', services: ['web', 'api', 'checkout'] }),
      );
      const [web, api, checkout] = prod.services ?? [];
      assert.equal(web?.runningCount, 3);
      assert.equal(web?.launchType, 'FARGATE');
      assert.equal(api?.deployments?.length, 2, 'api is mid-rollout');
      assert.equal(api?.deployments?.[0]?.rolloutState, 'IN_PROGRESS');
      assert.match(checkout?.taskDefinition ?? '', /checkout:2$/);
      const webTasks = await c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'web' }));
      const described = await c.ecs.send(
        new DescribeTasksCommand({ cluster: 'prod', tasks: webTasks.taskArns ?? [] }),
      );
      assert.deepEqual(
        described.tasks?.[0]?.containers?.map((x) => x.name),
        ['web', 'envoy'],
      );
      assert.equal(described.tasks?.[0]?.healthStatus, 'HEALTHY');
      const staging = await c.ecs.send(
        new DescribeServicesCommand({ cluster: 'staging', services: ['worker', 'admin'] }),
      );
      assert.deepEqual(
        staging.services?.map((s) => s.launchType),
        ['EC2', 'EC2'],
      );
      const counts = await c.ecs.send(new DescribeClustersCommand({ clusters: ['staging', 'prod'] }));
      const [stagingCluster, prodCluster] = counts.clusters ?? [];
      assert.equal(stagingCluster?.registeredContainerInstancesCount, 2);
      assert.equal(stagingCluster?.activeServicesCount, 3, 'worker, admin and the unplaceable analytics');
      assert.equal(stagingCluster?.runningTasksCount, 3);
      assert.equal(prodCluster?.registeredContainerInstancesCount, 0);
      assert.equal(prodCluster?.activeServicesCount, 3);
      assert.ok((prodCluster?.runningTasksCount ?? 0) >= 6);
      const scheduled = await c.ecs.send(
        new ListTasksCommand({ cluster: 'batch', startedBy: 'events-rule/nightly-report' }),
      );
      assert.equal(scheduled.taskArns?.length, 1);
      const crashed = await until('a crash-looping checkout task', async () => {
        const l = await c.ecs.send(
          new ListTasksCommand({ cluster: 'prod', serviceName: 'checkout', desiredStatus: 'STOPPED' }),
        );
        if (!l.taskArns?.length) return undefined;
        const d = await c.ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: l.taskArns }));
        return d.tasks?.find((t) => t.stopCode === 'EssentialContainerExited');
      });
      assert.equal(crashed.containers?.[0]?.exitCode, 1);
      const groups = await c.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/ecs/' }));
      assert.deepEqual(
        groups.logGroups?.map((g) => g.logGroupName),
        ['/ecs/admin', '/ecs/api', '/ecs/checkout', '/ecs/nightly-report', '/ecs/web', '/ecs/worker'],
      );
      const streams = await c.logs.send(
        new DescribeLogStreamsCommand({ logGroupName: '/ecs/web', logStreamNamePrefix: 'web/envoy/' }),
      );
      assert.equal(streams.logStreams?.length, 3);
      // The scheduled report ran, exited 0, and the next run started.
      c.emu.advance(6 * 60 * 1000);
      const runs = await c.ecs.send(new ListTasksCommand({ cluster: 'batch', desiredStatus: 'STOPPED' }));
      const finished = await c.ecs.send(
        new DescribeTasksCommand({ cluster: 'batch', tasks: runs.taskArns ?? [] }),
      );
      assert.equal(finished.tasks?.[0]?.containers?.[0]?.exitCode, 0);
      assert.equal(finished.tasks?.[0]?.stopCode, 'EssentialContainerExited');
      const next = await c.ecs.send(
        new ListTasksCommand({ cluster: 'batch', startedBy: 'events-rule/nightly-report' }),
      );
      assert.equal(next.taskArns?.length, 1);
    } finally {
      await close(c);
    }
  });

  it('big: 1000 services with 2 tasks each start in linear time and page like AWS', async () => {
    // Start-up grows with the services, not faster: compared with 100 services in this process
    // (a ratio a loaded machine cannot fail; a quadratic build would be ~100×).
    const small = Date.now();
    await close(await withEmulator({ scenario: 'big', services: 100, speed: 1 }));
    const smallStartup = Math.max(1, Date.now() - small);
    const began = Date.now();
    const c = await withEmulator({ scenario: 'big', services: 1000, speed: 1 });
    const startup = Date.now() - began;
    try {
      assert.ok(startup / smallStartup < 30, `1000 services in ${startup} ms, 100 in ${smallStartup} ms`);
      let pages = 0;
      const arns: string[] = [];
      for await (const page of paginateListServices({ client: c.ecs, pageSize: 100 }, { cluster: 'big' })) {
        pages++;
        arns.push(...(page.serviceArns ?? []));
      }
      assert.equal(pages, 10);
      assert.equal(new Set(arns).size, 1000);
      const d = await c.ecs.send(
        new DescribeServicesCommand({ cluster: 'big', services: arns.slice(0, 10) }),
      );
      assert.ok(
        d.services?.every((s) => s.runningCount === 2 && s.deployments?.[0]?.rolloutState === 'COMPLETED'),
      );
      let tasks = 0;
      for await (const page of paginateListTasks({ client: c.ecs, pageSize: 100 }, { cluster: 'big' }))
        tasks += page.taskArns?.length ?? 0;
      assert.equal(tasks, 2000);
      assert.equal(c.emu.calls.count('ListTasks'), 20);
    } finally {
      await close(c);
    }
  });
});
