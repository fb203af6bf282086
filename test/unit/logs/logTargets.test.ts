import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  backfillWindowMs,
  parseTaskArn,
  resolveLogTargets,
  type TaskDefinitionForLogs,
} from '../../../client/src/aws/logTargets';

const TASK = 'arn:aws:ecs:eu-west-1:123456789012:task/prod/0123456789abcdef0123456789abcdef';
const TD = 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7';

const definition: TaskDefinitionForLogs = {
  taskDefinitionArn: TD,
  containerDefinitions: [
    {
      name: 'web',
      logConfiguration: {
        logDriver: 'awslogs',
        options: {
          'awslogs-group': '/ecs/web',
          'awslogs-region': 'us-west-2',
          'awslogs-stream-prefix': 'web',
        },
      },
    },
    {
      name: 'router',
      logConfiguration: {
        logDriver: 'awsfirelens',
        options: { Name: 'cloudwatch_logs', log_group_name: '/fl/web' },
      },
    },
    {
      name: 'splunky',
      logConfiguration: { logDriver: 'splunk', options: { 'splunk-url': 'https://splunk:8088' } },
    },
    { name: 'silent' },
    { name: 'ec2', logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/ec2' } } },
  ],
};

describe('awslogs resolution', () => {
  it('names streams PREFIX/CONTAINER/TASK_ID in the awslogs Region, and explains every other container', () => {
    const { targets, problems } = resolveLogTargets(
      [
        {
          taskArn: TASK,
          taskDefinitionArn: TD,
          containers: [{ name: 'ec2', runtimeId: 'a1b2c3d4e5' }],
        },
      ],
      new Map([[TD, definition]]),
    );
    assert.deepEqual(
      targets.map((t) => [t.containerName, t.region, t.logGroup, t.logStream, t.logGroupArn]),
      [
        [
          'web',
          'us-west-2',
          '/ecs/web',
          'web/web/0123456789abcdef0123456789abcdef',
          'arn:aws:logs:us-west-2:123456789012:log-group:/ecs/web',
        ],
        // Without a prefix the awslogs driver names the stream after the container id.
        [
          'ec2',
          'eu-west-1',
          '/ecs/ec2',
          'a1b2c3d4e5',
          'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/ec2',
        ],
      ],
    );
    const byName = new Map(problems.map((p) => [p.containerName, `${p.reason} ${p.action}`]));
    assert.match(byName.get('router') ?? '', /FireLens.*"cloudwatch_logs" writes to log group "\/fl\/web"/);
    assert.match(byName.get('splunky') ?? '', /Splunk \(https:\/\/splunk:8088\)/);
    assert.match(
      byName.get('silent') ?? '',
      /no logConfiguration.*awslogs-group, awslogs-region and awslogs-stream-prefix/,
    );
    assert.equal(problems.length, 3);
  });

  it('keeps to one container when asked', () => {
    const { targets, problems } = resolveLogTargets(
      [{ taskArn: TASK, taskDefinitionArn: TD }],
      new Map([[TD, definition]]),
      { containerName: 'silent' },
    );
    assert.deepEqual(targets, []);
    assert.deepEqual(
      problems.map((p) => p.containerName),
      ['silent'],
    );
  });

  it('parses old and new task ARNs and rejects others', () => {
    assert.equal(parseTaskArn('arn:aws:ecs:us-east-1:123456789012:task/abc')?.taskId, 'abc');
    assert.equal(parseTaskArn(TASK)?.region, 'eu-west-1');
    assert.equal(parseTaskArn('not an arn'), undefined);
  });

  it('backfills to before stopped tasks stopped', () => {
    const now = 1_800_000_000_000;
    assert.equal(backfillWindowMs(300_000, undefined, now), 300_000);
    assert.equal(backfillWindowMs(300_000, now - 3_600_000, now), 3_900_000);
    assert.equal(backfillWindowMs(300_000, now - 10_000, now), 310_000);
  });
});
