/**
 * Service definitions: a failing fixture (code and exact range, `«»`) and a passing one per rule,
 * checks across files against the task definition the service runs, completion and hover, and
 * templated (ecspresso) files.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectDocumentKind } from '../../../server/src/service/core/documentKind';
import { parseJson } from '../../../server/src/service/core/parse';
import { familyOfReference } from '../../../server/src/service/serviceDefinition/taskDefinitionIndex';
import { smallFargateTask } from '../fargateFixture';
import { assertClean, assertCodeAt, diagnosticsAt, marked, serviceWithTasks } from './manifestFixture';

// Named for the AWS CLI (ecspresso's default name `ecs-service-def.json` changes what some values mean).
const SVC = 'file:///w/app/web-service-def.json';
const TASK = 'file:///w/app/ecs-task-def.json';

const fargateTask = JSON.stringify(
  {
    family: 'web',
    ...smallFargateTask,
    containerDefinitions: [
      {
        name: 'app',
        image: 'nginx:1.27',
        portMappings: [{ containerPort: 8080, name: 'http', appProtocol: 'http' }],
      },
      { name: 'log-router', image: 'fluent-bit:3', essential: false },
    ],
  },
  null,
  2,
);
const bridgeTask = JSON.stringify({
  family: 'worker',
  requiresCompatibilities: ['EC2'],
  containerDefinitions: [{ name: 'worker', image: 'busybox', memory: 128 }],
});

const network =
  '"networkConfiguration": { "awsvpcConfiguration": { "subnets": ["subnet-1"], "securityGroups": ["sg-1"] } }';
const valid = (extra = ''): string =>
  `{\n  "serviceName": "web",\n  "taskDefinition": "web:3",\n  "desiredCount": 2,\n  "launchType": "FARGATE",\n  ${network}${extra}\n}`;

describe('service definitions: rules', () => {
  const plain = serviceWithTasks();
  const cases: { code: string; fail: string; pass: string }[] = [
    {
      code: 'ECS012',
      fail: valid(',\n  «"desiredCont"»: 1'),
      pass: valid(),
    },
    {
      code: 'ECS013',
      fail: `{ "serviceName": "web", "desiredCount": 1, "launchType": «"FARGATE_SPOT"», ${network} }`,
      pass: valid(),
    },
    {
      code: 'ECS010',
      fail: valid(',\n  "healthCheckGracePeriodSeconds": «"60"»'),
      pass: valid(',\n  "healthCheckGracePeriodSeconds": 60'),
    },
    {
      code: 'ECS014',
      fail: `{ "serviceName": "web", "desiredCount": 1, "launchType": "FARGATE", "networkConfiguration": { «"awsvpcConfiguration"»: { "assignPublicIp": "DISABLED" } } }`,
      pass: valid(),
    },
    {
      code: 'ECS020',
      fail: valid(',\n  «"runningCount"»: 0'),
      pass: valid(),
    },
    {
      code: 'ECS137',
      fail: `{ "serviceName": «"my service"», "desiredCount": 1, "launchType": "FARGATE", ${network} }`,
      pass: valid(),
    },
    {
      code: 'ECS237',
      fail: `{ "serviceName": "web", «"schedulingStrategy"»: "REPLICA" }`,
      pass: `{ "serviceName": "web", "schedulingStrategy": "DAEMON" }`,
    },
    {
      code: 'ECS138',
      fail: `{ "serviceName": "web", "desiredCount": 1, "launchType": "FARGATE", «"capacityProviderStrategy"»: [{ "capacityProvider": "FARGATE_SPOT" }], ${network} }`,
      pass: `{ "serviceName": "web", "desiredCount": 1, "capacityProviderStrategy": [{ "capacityProvider": "FARGATE_SPOT" }], ${network} }`,
    },
    {
      code: 'ECS238',
      fail: `{ "serviceName": "web", "desiredCount": 1, "launchType": "EC2", «"platformVersion"»: "LATEST" }`,
      pass: valid(',\n  "platformVersion": "LATEST"'),
    },
    {
      code: 'ECS139',
      fail: `{ "serviceName": "web", "desiredCount": 1, "launchType": «"FARGATE"» }`,
      pass: valid(),
    },
    {
      code: 'ECS339',
      fail: `{ "serviceName": "web", "desiredCount": 1, "launchType": "EC2", "networkConfiguration": { "awsvpcConfiguration": { "subnets": ["subnet-1"], "assignPublicIp": «"ENABLED"» } } }`,
      pass: `{ "serviceName": "web", "desiredCount": 1, "launchType": "EC2", "networkConfiguration": { "awsvpcConfiguration": { "subnets": ["subnet-1"], "assignPublicIp": "DISABLED" } } }`,
    },
    {
      code: 'ECS140',
      fail: `{ "serviceName": "agent", "launchType": "EC2", "schedulingStrategy": «"DAEMON"», "deploymentController": { "type": "CODE_DEPLOY" } }`,
      pass: `{ "serviceName": "agent", "launchType": "EC2", "schedulingStrategy": "DAEMON" }`,
    },
    {
      code: 'ECS142',
      fail: valid(',\n  "deploymentConfiguration": { "minimumHealthyPercent": 100, "maximumPercent": «50» }'),
      pass: valid(',\n  "deploymentConfiguration": { "minimumHealthyPercent": 50, "maximumPercent": 200 }'),
    },
    {
      code: 'ECS242',
      fail: valid(
        ',\n  "deploymentConfiguration": { "minimumHealthyPercent": 100, "maximumPercent": «100» }',
      ),
      pass: valid(',\n  "deploymentConfiguration": { "minimumHealthyPercent": 0, "maximumPercent": 100 }'),
    },
    {
      code: 'ECS342',
      fail: valid(
        ',\n  "deploymentConfiguration": { "deploymentCircuitBreaker": { "enable": false, "rollback": «true» } }',
      ),
      pass: valid(
        ',\n  "deploymentConfiguration": { "deploymentCircuitBreaker": { "enable": true, "rollback": true } }',
      ),
    },
    {
      code: 'ECS442',
      fail: valid(
        ',\n  "deploymentController": { "type": "CODE_DEPLOY" },\n  "deploymentConfiguration": { «"deploymentCircuitBreaker"»: { "enable": true, "rollback": true } }',
      ),
      pass: valid(',\n  "deploymentController": { "type": "CODE_DEPLOY" }'),
    },
  ];
  for (const c of cases) {
    it(`${c.code}: reported at its exact range, and not on the passing fixture`, () => {
      assertCodeAt(plain, SVC, c.fail, c.code);
      assertClean(plain, SVC, c.pass);
    });
  }
});

describe('service definitions: checks against the task definition', () => {
  const service = serviceWithTasks({
    [TASK]: fargateTask,
    'file:///w/other/worker-task-def.json': bridgeTask,
  });
  const lb = (name: string, port: string): string =>
    valid(
      `,\n  "loadBalancers": [{ "targetGroupArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1", "containerName": ${name}, "containerPort": ${port} }]`,
    );

  it('ECS141: the load balancer container must be a container of the task', () => {
    assertCodeAt(service, SVC, lb('«"ap"»', '8080'), 'ECS141');
    assertClean(service, SVC, lb('"app"', '8080'));
  });
  it('ECS241: the load balancer port must be a container port of that container', () => {
    assertCodeAt(service, SVC, lb('"app"', '«80»'), 'ECS241');
  });
  it('ECS341: Service Connect portName must name a port mapping', () => {
    const sc = (name: string): string =>
      valid(
        `,\n  "serviceConnectConfiguration": { "enabled": true, "namespace": "internal", "services": [{ "portName": ${name} }] }`,
      );
    assertCodeAt(service, SVC, sc('«"htp"»'), 'ECS341');
    assertClean(service, SVC, sc('"http"'));
  });
  it('ECS139: an awsvpc task needs networkConfiguration, even on EC2', () => {
    assertCodeAt(
      service,
      SVC,
      '{ "serviceName": "web", "taskDefinition": «"arn:aws:ecs:us-east-1:123456789012:task-definition/web:7"», "desiredCount": 1, "launchType": "EC2" }',
      'ECS139',
    );
  });
  it('ECS239: networkConfiguration with a bridge task', () => {
    assertCodeAt(
      service,
      SVC,
      `{ "serviceName": "worker", "taskDefinition": "worker", "desiredCount": 1, "launchType": "EC2", «"networkConfiguration"»: { "awsvpcConfiguration": { "subnets": ["subnet-1"] } } }`,
      'ECS239',
    );
    assertClean(
      service,
      SVC,
      '{ "serviceName": "worker", "taskDefinition": "worker", "desiredCount": 1, "launchType": "EC2" }',
    );
  });
  it('ECS338: the launch type must be among the task compatibilities', () => {
    assertCodeAt(
      service,
      SVC,
      '{ "serviceName": "worker", "taskDefinition": "worker", "desiredCount": 1, "launchType": «"FARGATE"», ' +
        network +
        ' }',
      'ECS338',
    );
  });
  it('finds the task definition of the folder when the service names none (ecspresso)', () => {
    const text = `{ "desiredCount": 1, "launchType": "FARGATE", ${network}, "loadBalancers": [{ "containerName": "nope", "containerPort": 8080 }] }`;
    assert.deepEqual(
      diagnosticsAt(service, SVC, text).map((d) => d.code),
      ['ECS141'],
    );
  });
  it('skips cross-file checks when the task definition is unknown', () => {
    assertClean(
      service,
      SVC,
      valid(',\n  "taskDefinition": "unknown-family"').replace('"taskDefinition": "web:3",', ''),
    );
  });
  it('reads families from references', () => {
    assert.equal(familyOfReference('web'), 'web');
    assert.equal(familyOfReference('web:12'), 'web');
    assert.equal(familyOfReference('arn:aws:ecs:us-east-1:123456789012:task-definition/web:12'), 'web');
    assert.equal(familyOfReference('{{ must_env `TD` }}'), undefined);
  });
});

describe('service definitions: detection and templates', () => {
  it('are detected by name and by content, never with containerDefinitions', () => {
    const content = parseJson('{ "serviceName": "a", "desiredCount": 1 }').root;
    assert.equal(detectDocumentKind('/w/ecs-service-def.json', undefined), 'serviceDefinition');
    assert.equal(detectDocumentKind('/w/deploy/api.json', content), 'serviceDefinition');
    assert.equal(detectDocumentKind('/w/ecs-service-def.jsonnet', undefined), 'serviceDefinition');
    const task = parseJson(
      '{ "family": "a", "taskDefinition": "x", "desiredCount": 1, "containerDefinitions": [] }',
    ).root;
    assert.equal(detectDocumentKind('/w/deploy/api.json', task), 'taskDefinition');
    assert.equal(detectDocumentKind('/w/settings.json', parseJson('{ "desiredCount": 1 }').root), undefined);
  });

  it('accept ecspresso Go templates inside strings and as bare values', () => {
    const service = serviceWithTasks();
    const text = [
      '{',
      '  "serviceName": "{{ must_env `SERVICE` }}",',
      '  "desiredCount": {{ env "COUNT" "2" }},',
      '  "launchType": "{{ env `LAUNCH_TYPE` `FARGATE` }}",',
      '  "networkConfiguration": { "awsvpcConfiguration": { "subnets": ["{{ tfstate `aws_subnet.a.id` }}"] } }',
      '}',
    ].join('\n');
    assertClean(service, SVC, text);
  });

  it('read Jsonnet: computed values are unknown, literal ones are checked', () => {
    const service = serviceWithTasks();
    const uri = 'file:///w/app/ecs-service-def.jsonnet';
    const text = [
      "local env = std.extVar('ENV');",
      '{',
      '  // comments and trailing commas are Jsonnet',
      "  serviceName: 'web-' + env,",
      '  desiredCount: if env == "prod" then 4 else 1,',
      "  launchType: 'FARGATE',",
      "  networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'], }, },",
      "  «propagateTag»: 'SERVICE',",
      '}',
    ].join('\n');
    assertCodeAt(service, uri, text, 'ECS012');
    assert.deepEqual(
      diagnosticsAt(service, uri, marked(text).text).map((d) => d.code),
      ['ECS012'],
    );
  });
});

describe('service definitions: completion and hover', () => {
  const service = serviceWithTasks({ [TASK]: fargateTask });
  function complete(fixture: string): string[] {
    const offset = fixture.indexOf('|');
    const text = fixture.slice(0, offset) + fixture.slice(offset + 1);
    const td = TextDocument.create(SVC, 'json', 1, text);
    return service.doComplete(service.parse(td), td.positionAt(offset)).items.map((i) => i.label);
  }

  it('offers the container names and ports of the task definition', () => {
    assert.deepEqual(complete('{ "taskDefinition": "web", "loadBalancers": [{ "containerName": "|" }] }'), [
      'app',
      'log-router',
    ]);
    assert.deepEqual(
      complete(
        '{ "taskDefinition": "web", "loadBalancers": [{ "containerName": "app", "containerPort": | }] }',
      ),
      ['8080'],
    );
    assert.deepEqual(
      complete(
        '{ "taskDefinition": "web", "serviceConnectConfiguration": { "services": [{ "portName": "|" }] } }',
      ),
      ['http'],
    );
  });

  it('offers keys from the model and enum values', () => {
    const keys = complete('{ "serviceName": "web", "desi| }');
    assert.ok(keys.includes('desiredCount') && keys.includes('launchType') && !keys.includes('serviceName'));
    assert.deepEqual(complete('{ "launchType": "|" }'), ['EC2', 'EXTERNAL', 'FARGATE', 'MANAGED_INSTANCES']);
    assert.deepEqual(complete('{ "taskDefinition": "|" }'), ['web']);
  });

  it('inserts a key with a value placeholder', () => {
    const fixture = '{ "serviceName": "web", | }';
    const offset = fixture.indexOf('|');
    const td = TextDocument.create(SVC, 'json', 1, fixture.replace('|', ''));
    const item = service
      .doComplete(service.parse(td), td.positionAt(offset))
      .items.find((i) => i.label === 'desiredCount');
    assert.equal(
      item?.textEdit && 'newText' in item.textEdit ? item.textEdit.newText : '',
      '"desiredCount": ${1:0}',
    );
  });

  it('hovers keys with the API docs and the task definition the service runs', () => {
    const text = '{ "taskDefinition": "web", "desiredCount": 1 }';
    const td = TextDocument.create(SVC, 'json', 1, text);
    const doc = service.parse(td);
    const hover = service.doHover(doc, td.positionAt(text.indexOf('desiredCount') + 2));
    assert.match(JSON.stringify(hover?.contents), /desiredCount/);
    const task = service.doHover(doc, td.positionAt(3));
    assert.match(
      JSON.stringify(task?.contents),
      /Runs \*\*web\*\* \(ecs-task-def.json\): containers `app`, `log-router`/,
    );
  });
});
