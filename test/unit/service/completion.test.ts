import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accept, service, withCaret } from './editorFixture';

/** Completes at the `|` of `text` and returns the document after accepting the item labelled `label`. */
function complete(text: string, label: string): string {
  const { doc, position } = withCaret(text);
  const items = service.doComplete(doc, position).items;
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item "${label}" in: ${items.map((i) => i.label).join(', ')}`);
  return accept(doc, item);
}

function labels(text: string): string[] {
  const { doc, position } = withCaret(text);
  return service.doComplete(doc, position).items.map((i) => String(i.label));
}

describe('completion: keys', () => {
  it('inserts a key with a value placeholder and a comma before the next property', () => {
    const text = '{\n  "family": "web",\n  |\n  "containerDefinitions": []\n}';
    assert.equal(
      complete(text, 'networkMode'),
      '{\n  "family": "web",\n  "networkMode": "awsvpc",\n  "containerDefinitions": []\n}',
    );
  });

  it('offers only keys not already present, with their API docs', () => {
    const { doc, position } = withCaret('{ "family": "web", "cpu": "256", | }');
    const items = service.doComplete(doc, position).items;
    const names = items.map((i) => i.label);
    assert.ok(!names.includes('family') && !names.includes('cpu'));
    const memory = items.find((i) => i.label === 'memory');
    assert.ok(memory);
    assert.equal(typeof memory.documentation === 'object' && memory.documentation.kind, 'markdown');
    assert.match(
      typeof memory.documentation === 'object' ? memory.documentation.value : '',
      /amount of memory \(in MiB\)[\s\S]*API_RegisterTaskDefinition\.html#ECS-RegisterTaskDefinition-request-memory/,
    );
  });

  it('replaces a partly typed key and keeps an existing value', () => {
    assert.equal(complete('{ "netw|": "bridge" }', 'networkMode'), '{ "networkMode": "bridge" }');
    assert.equal(
      complete('{ "family": "x", "netw| }', 'networkMode'),
      '{ "family": "x", "networkMode": "awsvpc" }',
    );
  });

  it('completes keys of nested structures at any depth', () => {
    const text = '{"containerDefinitions":[{"name":"a","healthCheck":{"command":["CMD","true"], |}}]}';
    assert.ok(labels(text).includes('startPeriod'));
    assert.ok(!labels(text).includes('command'));
    assert.equal(
      complete('{"containerDefinitions":[{"name":"a","linuxParameters":{"capabilities":{|}}}]}', 'add'),
      '{"containerDefinitions":[{"name":"a","linuxParameters":{"capabilities":{"add": []}}}]}',
    );
  });

  it('inserts booleans and numbers with typed placeholders', () => {
    assert.equal(
      complete('{"containerDefinitions":[{"name":"a", |}]}', 'essential'),
      '{"containerDefinitions":[{"name":"a", "essential": true}]}',
    );
    assert.equal(
      complete('{"containerDefinitions":[{"name":"a", |}]}', 'stopTimeout'),
      '{"containerDefinitions":[{"name":"a", "stopTimeout": 0}]}',
    );
  });

  it('completes awslogs options, the group named after the family, only for the awslogs driver', () => {
    const task = (driver: string, options: string): string =>
      `{"family":"api","containerDefinitions":[{"name":"a","logConfiguration":{"logDriver":"${driver}","options":{${options}}}}]}`;
    assert.deepEqual(labels(task('awslogs', '"awslogs-region":"eu-west-1", |')).slice(0, 2), [
      'awslogs-group',
      'awslogs-stream-prefix',
    ]);
    assert.equal(
      complete(task('awslogs', '|'), 'awslogs-group'),
      task('awslogs', '"awslogs-group": "/ecs/api"'),
    );
    assert.deepEqual(labels(task('splunk', '|')), []);
  });

  it('completes the describe-task-definition wrapper from its own model', () => {
    assert.ok(labels('{ "taskDefinition": { "containerDefinitions": [], | } }').includes('revision'));
    assert.deepEqual(labels('{ | "taskDefinition": { "containerDefinitions": [] } }'), ['tags']);
  });
});

describe('completion: snippets', () => {
  it('inserts a whole container definition with awslogs named after the family', () => {
    const text = '{\n  "family": "shop",\n  "containerDefinitions": [|]\n}';
    assert.equal(
      complete(text, 'container definition'),
      [
        '{',
        '  "family": "shop",',
        '  "containerDefinitions": [{',
        '  "name": "app",',
        '  "image": "public.ecr.aws/docker/library/nginx:latest",',
        '  "essential": true,',
        '  "portMappings": [{ "containerPort": 80, "protocol": "tcp" }],',
        '  "logConfiguration": {',
        '    "logDriver": "awslogs",',
        '    "options": {',
        '      "awslogs-group": "/ecs/shop",',
        '      "awslogs-region": "us-east-1",',
        '      "awslogs-stream-prefix": "ecs"',
        '    }',
        '  }',
        '}]',
        '}',
      ].join('\n'),
    );
  });

  it('takes the awslogs Region from the task (ECR image host) for the logConfiguration snippet', () => {
    const text =
      '{"family":"api","containerDefinitions":[{"name":"a","image":"123456789012.dkr.ecr.eu-west-3.amazonaws.com/api:1", |}]}';
    const result = complete(text, 'logConfiguration: awslogs');
    assert.match(result, /"awslogs-group": "\/ecs\/api"/);
    assert.match(result, /"awslogs-region": "eu-west-3"/);
    assert.match(result, /"awslogs-stream-prefix": "ecs"/);
    assert.doesNotThrow(() => JSON.parse(result));
  });

  it('offers awslogs as the value of logConfiguration', () => {
    const text = '{"family":"api","containerDefinitions":[{"name":"a","logConfiguration": |}]}';
    const result = JSON.parse(complete(text, 'awslogs')) as {
      containerDefinitions: { logConfiguration: { logDriver: string; options: Record<string, string> } }[];
    };
    assert.deepEqual(result.containerDefinitions[0]?.logConfiguration, {
      logDriver: 'awslogs',
      options: { 'awslogs-group': '/ecs/api', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' },
    });
  });

  it('inserts a health check and a port mapping', () => {
    const health = complete('{"containerDefinitions":[{"name":"a", |}]}', 'healthCheck: HTTP check');
    assert.deepEqual(
      (JSON.parse(health) as { containerDefinitions: { healthCheck: unknown }[] }).containerDefinitions[0]
        ?.healthCheck,
      {
        command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'],
        interval: 30,
        timeout: 5,
        retries: 3,
        startPeriod: 10,
      },
    );
    assert.equal(
      complete('{"containerDefinitions":[{"name":"a","portMappings":[|]}]}', 'port mapping'),
      '{"containerDefinitions":[{"name":"a","portMappings":[{ "containerPort": 80, "protocol": "tcp" }]}]}',
    );
  });

  it('offers a task definition skeleton in an empty file', () => {
    const result = complete('|', 'Fargate task definition');
    const parsed = JSON.parse(result) as { family: string; cpu: string; memory: string; networkMode: string };
    assert.deepEqual(
      [parsed.family, parsed.cpu, parsed.memory, parsed.networkMode],
      ['my-app', '256', '512', 'awsvpc'],
    );
  });
});

describe('completion: values', () => {
  it('offers enum values and replaces the partly typed string', () => {
    assert.deepEqual(labels('{ "networkMode": "a|" }'), ['awsvpc', 'bridge', 'host', 'none']);
    assert.equal(complete('{ "networkMode": "a|" }', 'awsvpc'), '{ "networkMode": "awsvpc" }');
    assert.equal(
      complete('{ "requiresCompatibilities": [|] }', 'FARGATE'),
      '{ "requiresCompatibilities": ["FARGATE"] }',
    );
    assert.equal(
      complete('{ "networkMode": |\n  "cpu": "256" }', 'bridge'),
      '{ "networkMode": "bridge",\n  "cpu": "256" }',
    );
  });

  it('offers the container names of the task in dependsOn, links and volumesFrom (never the container itself)', () => {
    const task = (inner: string): string =>
      `{"containerDefinitions":[{"name":"app",${inner}},{"name":"db"},{"name":"cache"}]}`;
    assert.deepEqual(labels(task('"dependsOn":[{"containerName":"|"}]')), ['db', 'cache']);
    assert.deepEqual(labels(task('"links":[|]')), ['db', 'cache']);
    assert.deepEqual(labels(task('"volumesFrom":[{"sourceContainer": |}]')), ['db', 'cache']);
    assert.equal(
      complete(task('"dependsOn":[{"containerName":"c|"}]'), 'cache'),
      task('"dependsOn":[{"containerName":"cache"}]'),
    );
  });

  it('offers volume names in mountPoints.sourceVolume', () => {
    const text =
      '{"containerDefinitions":[{"name":"a","mountPoints":[{"sourceVolume":|}]}],"volumes":[{"name":"data"},{"name":"logs"}]}';
    assert.deepEqual(labels(text), ['data', 'logs']);
    assert.equal(
      complete(text, 'logs'),
      '{"containerDefinitions":[{"name":"a","mountPoints":[{"sourceVolume":"logs"}]}],"volumes":[{"name":"data"},{"name":"logs"}]}',
    );
  });

  it('offers Fargate memory valid for the chosen cpu, and cpu valid for the chosen memory', () => {
    assert.deepEqual(labels('{ "cpu": "256", "memory": "|" }'), ['512', '1024', '2048']);
    assert.deepEqual(labels('{ "cpu": "1 vCPU", "memory": | }'), [
      '2048',
      '3072',
      '4096',
      '5120',
      '6144',
      '7168',
      '8192',
    ]);
    assert.deepEqual(labels('{ "memory": "4096", "cpu": "|" }'), ['512', '1024', '2048']);
    assert.deepEqual(labels('{ "memory": "4 GB", "cpu": | }'), ['512', '1024', '2048']);
    assert.deepEqual(labels('{ "cpu": "|" }'), ['256', '512', '1024', '2048', '4096', '8192', '16384']);
    assert.deepEqual(
      labels('{ "runtimePlatform": { "operatingSystemFamily": "WINDOWS_SERVER_2022_CORE" }, "cpu": "|" }'),
      ['1024', '2048', '4096'],
    );
    // A number is replaced by the string the API model expects.
    assert.equal(complete('{ "cpu": "512", "memory": 10|24 }', '1024'), '{ "cpu": "512", "memory": "1024" }');
  });

  it('answers nothing outside ECS documents and after a complete value', () => {
    const { doc, position } = withCaret('{ "name": "|" }', 'file:///w/package.json');
    assert.deepEqual(service.doComplete(doc, position).items, []);
    assert.deepEqual(labels('{ "networkMode": "bridge"| }'), []);
  });
});
