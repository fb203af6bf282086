import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  normalizeForDiff,
  normalizedText,
  parseTaskDefinitionText,
  sameTaskDefinition,
} from '../../../client/src/aws/deploy/normalize';

const registerInput = `{
  // comments are allowed in task definition files
  "family": "web",
  "networkMode": "awsvpc",
  "requiresCompatibilities": ["FARGATE"],
  "cpu": 256,
  "memory": "512",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "registry.example/web:1.4.2",
      "portMappings": [{ "containerPort": 8080 }],
      "environment": [
        { "name": "B_FLAG", "value": "on" },
        { "name": "A_URL", "value": "https://example.invalid" }
      ]
    }
  ],
}`;

/** What DescribeTaskDefinition returns for the same content: read-only fields and filled-in defaults. */
const describeOutput = {
  taskDefinition: {
    taskDefinitionArn: 'arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7',
    revision: 7,
    status: 'ACTIVE',
    registeredAt: '2026-11-01T10:00:00Z',
    registeredBy: 'arn:aws:iam::123456789012:user/dev',
    compatibilities: ['EC2', 'FARGATE'],
    requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' }],
    containerDefinitions: [
      {
        volumesFrom: [],
        mountPoints: [],
        essential: true,
        cpu: 0,
        environment: [
          { value: 'https://example.invalid', name: 'A_URL' },
          { name: 'B_FLAG', value: 'on' },
        ],
        portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
        image: 'registry.example/web:1.4.2',
        name: 'app',
      },
    ],
    placementConstraints: [],
    volumes: [],
    memory: '512',
    cpu: '256',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    family: 'web',
  },
  tags: [{ key: 'team', value: 'payments' }],
};

describe('task definition normalisation', () => {
  it('reads register input with comments and trailing commas', () => {
    const parsed = parseTaskDefinitionText(registerInput);
    assert.ok(parsed.ok);
    assert.equal(parsed.shape, 'register-input');
    assert.equal(parsed.input.family, 'web');
  });

  it('unwraps describe output, keeps its tags and strips every read-only field', () => {
    const parsed = parseTaskDefinitionText(JSON.stringify(describeOutput));
    assert.ok(parsed.ok);
    assert.equal(parsed.shape, 'describe-output');
    assert.deepEqual(Object.keys(parsed.input).sort(), [
      'containerDefinitions',
      'cpu',
      'family',
      'memory',
      'networkMode',
      'placementConstraints',
      'requiresCompatibilities',
      'tags',
      'volumes',
    ]);
    assert.deepEqual(parsed.input.tags, [{ key: 'team', value: 'payments' }]);
  });

  it('makes a file and the revision it produced compare equal', () => {
    const file = parseTaskDefinitionText(registerInput);
    assert.ok(file.ok);
    assert.ok(sameTaskDefinition(file.input, describeOutput.taskDefinition));
    assert.equal(normalizedText(file.input), normalizedText(describeOutput.taskDefinition));
  });

  it('sorts keys and environment entries, and drops ECS defaults', () => {
    const normal = normalizeForDiff(describeOutput.taskDefinition);
    assert.deepEqual(Object.keys(normal), [
      'containerDefinitions',
      'cpu',
      'family',
      'memory',
      'networkMode',
      'requiresCompatibilities',
    ]);
    assert.deepEqual(normal.containerDefinitions, [
      {
        environment: [
          { name: 'A_URL', value: 'https://example.invalid' },
          { name: 'B_FLAG', value: 'on' },
        ],
        image: 'registry.example/web:1.4.2',
        name: 'app',
        portMappings: [{ containerPort: 8080 }],
      },
    ]);
  });

  it('keeps a difference that matters', () => {
    const changed = structuredClone(describeOutput.taskDefinition);
    const container = changed.containerDefinitions[0];
    assert.ok(container);
    container.image = 'registry.example/web:1.5.0';
    assert.equal(sameTaskDefinition(changed, describeOutput.taskDefinition), false);
    assert.match(normalizedText(changed), /web:1\.5\.0/);
  });

  it('refuses what is not a task definition, without throwing', () => {
    for (const [text, pattern] of [
      ['', /not valid JSON/],
      ['[1, 2]', /must be a JSON object/],
      ['{"containerDefinitions": [{}]}', /no "family"/],
      ['{"family": "x"}', /no "containerDefinitions"/],
      ['{"family": "x", "containerDefinitions": [', /not valid JSON/],
      ['\u0000\u0001binary', /not valid JSON/],
    ] as const) {
      const parsed = parseTaskDefinitionText(text);
      assert.equal(parsed.ok, false, text);
      if (!parsed.ok) assert.match(parsed.message, pattern);
    }
  });
});
