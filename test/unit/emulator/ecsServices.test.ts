import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ClusterContainsServicesException,
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteClusterCommand,
  DeleteServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  InvalidParameterException,
  ListServicesCommand,
  ListTagsForResourceCommand,
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
import { errorOf, fargateTaskDefinition, network, until, suiteEmulator } from './helpers';

const td = (x: Record<string, unknown>): RegisterTaskDefinitionCommandInput =>
  x as unknown as RegisterTaskDefinitionCommandInput;

describe('emulator: ECS services, tasks and tags', () => {
  const c = suiteEmulator({ scenario: 'empty' });

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
