import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Rng, SimClock } from '../../../emulator/clock';
import type { HandlerContext } from '../../../emulator/context';
import { ApiError } from '../../../emulator/protocol/errors';
import { logsHandlers } from '../../../emulator/logs/api';
import type { Json, JsonObject } from '../../../emulator/model';
import { loadScenario } from '../../../emulator/scenarios';
import { ecsHandlers } from '../../../emulator/ecs';
import { Engine } from '../../../emulator/ecs/sim/engine';
import { EmulatorState } from '../../../emulator/state';

/** Request members the operations read, with a plausible value each. */
const BASE: JsonObject = {
  cluster: 'prod',
  clusters: ['prod', 'nope'],
  service: 'web',
  services: ['web', 'api'],
  serviceName: 'fuzz',
  taskDefinition: 'web',
  family: 'fuzz',
  familyPrefix: 'w',
  desiredCount: 1,
  count: 1,
  launchType: 'FARGATE',
  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
  deploymentConfiguration: {
    maximumPercent: 200,
    minimumHealthyPercent: 50,
    deploymentCircuitBreaker: { enable: true, rollback: true },
  },
  containerDefinitions: [{ name: 'a', image: 'nginx', memory: 128, portMappings: [{ containerPort: 80 }] }],
  requiresCompatibilities: ['EC2'],
  tasks: ['0123'],
  task: '0123',
  tags: [{ key: 'k', value: 'v' }],
  tagKeys: ['k'],
  resourceArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/prod',
  include: ['TAGS'],
  maxResults: 5,
  nextToken: 'eyJvIjoxLCJ2IjoxfQ==',
  status: 'ACTIVE',
  sort: 'DESC',
  desiredStatus: 'RUNNING',
  serviceDeploymentArn: 'arn:aws:ecs:us-east-1:123456789012:service-deployment/prod/web/x',
  serviceDeploymentArns: ['x'],
  stopType: 'ROLLBACK',
  createdAt: { after: 0 },
  force: true,
  forceNewDeployment: true,
  logGroupName: '/ecs/web',
  logGroupIdentifier: '/ecs/web',
  logStreamName: 'web/web/x',
  logStreamNames: ['web/web/x'],
  logStreamNamePrefix: 'web/',
  logGroupNamePrefix: '/ecs',
  filterPattern: 'ERROR',
  startTime: 0,
  endTime: 9e15,
  limit: 10,
  startFromHead: true,
  orderBy: 'LastEventTime',
  descending: true,
  logEvents: [{ timestamp: 1, message: 'm' }],
};

const ODD: Json[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  '',
  'x',
  '%%%',
  true,
  [],
  [null],
  [1, 'a', {}],
  {},
  { a: { b: [] } },
];

describe('emulator: bad input never crashes a handler', () => {
  it('answers every operation, with every member mangled, with a result or an AWS error', () => {
    const clock = new SimClock(1);
    const rng = new Rng(7);
    const state = new EmulatorState('us-east-1', '123456789012', clock, rng);
    const ctx: HandlerContext = {
      state,
      clock,
      engine: new Engine(state, clock, rng, { logIntervalMs: [1000, 2000] }),
    };
    loadScenario(ctx, 'demo', 0);
    const handlers = { ...ecsHandlers, ...logsHandlers };
    let calls = 0;
    for (const [name, handler] of Object.entries(handlers)) {
      const attempts: JsonObject[] = [{}, { ...BASE }];
      for (const key of Object.keys(BASE)) for (const value of ODD) attempts.push({ ...BASE, [key]: value });
      for (const params of attempts) {
        calls++;
        try {
          JSON.stringify(handler(ctx, params));
        } catch (error) {
          assert.ok(error instanceof ApiError, `${name}(${JSON.stringify(params)}) threw ${String(error)}`);
          assert.ok(error.status < 500, `${name} answered ${error.status}`);
        }
      }
      const from = clock.simNow();
      clock.jump(5000);
      ctx.engine.step(from);
    }
    assert.ok(calls > 10000);
  });
});
