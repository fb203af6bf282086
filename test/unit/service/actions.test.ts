import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { EcsDocument } from '../../../server/src/service/core/ecsDocument';
import { createLanguageService } from '../../../server/src/service/languageService';
import { applyWorkspaceEdit, parse, service } from './editorFixture';

/** Validates `text`, and returns the quick fixes offered for the first diagnostic with `code`. */
function fixes(
  text: string,
  code: string,
  doc: EcsDocument = parse(text),
): { doc: EcsDocument; actions: CodeAction[] } {
  const diagnostics = service.validate(doc);
  const diagnostic = diagnostics.find((d) => d.code === code);
  assert.ok(
    diagnostic,
    `no ${code} in: ${diagnostics.map((d) => `${String(d.code)} ${JSON.stringify(d.message)}`).join('\n')}`,
  );
  return { doc, actions: service.getCodeActions(doc, [diagnostic]) };
}

/** The document after applying the quick fix titled `title` for the first `code` diagnostic. */
function fix(text: string, code: string, title: string): string {
  const { doc, actions } = fixes(text, code);
  const action = actions.find((a) => a.title === title);
  assert.ok(action, `no fix "${title}" in: ${actions.map((a) => a.title).join(', ')}`);
  return applyWorkspaceEdit(doc, action.edit);
}

const lines = (...l: string[]): string => l.join('\n');

const FARGATE_HEAD = [
  '  "family": "web",',
  '  "requiresCompatibilities": ["FARGATE"],',
  '  "networkMode": "awsvpc",',
];
const CONTAINER = '  "containerDefinitions": [{ "name": "app", "image": "nginx" }]';

describe('quick fixes', () => {
  it('sets hostPort to the containerPort in awsvpc mode', () => {
    const before = lines(
      '{',
      '  "family": "web",',
      '  "networkMode": "awsvpc",',
      '  "containerDefinitions": [',
      '    { "name": "app", "image": "nginx", "memory": 512, "portMappings": [{ "containerPort": 80, "hostPort": 8080 }] }',
      '  ]',
      '}',
    );
    assert.equal(
      fix(before, 'ECS122', 'Change hostPort to 80'),
      before.replace('"hostPort": 8080', '"hostPort": 80'),
    );
  });

  it('offers the nearest valid Fargate memory first, then the other valid values', () => {
    const before = lines('{', ...FARGATE_HEAD, '  "cpu": "256",', '  "memory": "3072",', CONTAINER, '}');
    const { actions } = fixes(before, 'ECS106');
    assert.deepEqual(
      actions.map((a) => [a.title, a.isPreferred === true]),
      [
        ['Change memory to "2048"', true],
        ['Change memory to "512"', false],
        ['Change memory to "1024"', false],
      ],
    );
    assert.equal(fix(before, 'ECS106', 'Change memory to "2048"'), before.replace('"3072"', '"2048"'));
  });

  it('replaces a cpu that is no Fargate size by the nearest one valid with the memory', () => {
    const before = lines('{', ...FARGATE_HEAD, '  "cpu": "1000",', '  "memory": "2048",', CONTAINER, '}');
    assert.equal(fix(before, 'ECS206', 'Change cpu to "1024"'), before.replace('"1000"', '"1024"'));
  });

  it('quotes numeric cpu and memory', () => {
    const before = lines('{', ...FARGATE_HEAD, '  "cpu": 512,', '  "memory": 1024,', CONTAINER, '}');
    const cpuFixed = fix(before, 'ECS109', 'Change cpu to "512"');
    assert.equal(cpuFixed, before.replace('"cpu": 512', '"cpu": "512"'));
    const { doc } = fixes(cpuFixed, 'ECS109');
    const memory = service.validate(doc).find((d) => d.code === 'ECS109');
    assert.ok(memory);
    const [action] = service.getCodeActions(doc, [memory]);
    assert.equal(action?.title, 'Change memory to "1024"');
    assert.equal(
      applyWorkspaceEdit(doc, action.edit),
      cpuFixed.replace('"memory": 1024', '"memory": "1024"'),
    );
  });

  it('adds the missing awslogs options: group from the family, the Region, the stream prefix', () => {
    const before = lines(
      '{',
      ...FARGATE_HEAD,
      '  "cpu": "256",',
      '  "memory": "512",',
      '  "executionRoleArn": "arn:aws:iam::111122223333:role/exec",',
      '  "containerDefinitions": [',
      '    {',
      '      "name": "app",',
      '      "image": "nginx",',
      '      "logConfiguration": {',
      '        "logDriver": "awslogs",',
      '        "options": {}',
      '      }',
      '    }',
      '  ]',
      '}',
    );
    assert.equal(
      fix(before, 'ECS129', 'Add awslogs-group, awslogs-region, awslogs-stream-prefix'),
      before.replace(
        '"options": {}',
        [
          '"options": {',
          '          "awslogs-group": "/ecs/web",',
          '          "awslogs-region": "us-east-1",',
          '          "awslogs-stream-prefix": "ecs"',
          '        }',
        ].join('\n'),
      ),
    );
  });

  it('writes the Region the task already uses, else the configured default Region', () => {
    const text = lines(
      '{',
      '  "family": "web",',
      '  "containerDefinitions": [',
      '    { "name": "a", "image": "nginx", "memory": 256, "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "g" } } }',
      '  ]',
      '}',
    );
    const withEnv = createLanguageService(() => ({
      detection: { taskDefinitionPatterns: ['**/*task-def*.json'], exclude: [], detectByContent: true },
      severityOverrides: {},
      defaultRegion: 'ap-southeast-2',
    }));
    const doc = withEnv.parse(TextDocument.create('file:///w/web-task-def.json', 'json', 1, text));
    const diagnostic = withEnv.validate(doc).find((d: Diagnostic) => d.code === 'ECS129');
    assert.ok(diagnostic);
    const [action] = withEnv.getCodeActions(doc, [diagnostic]);
    assert.match(applyWorkspaceEdit(doc, action?.edit), /"awslogs-region": "ap-southeast-2"/);
    const eu = text.replace(
      '"image": "nginx"',
      '"image": "111122223333.dkr.ecr.eu-central-1.amazonaws.com/a:1"',
    );
    const [fromImage] = fixes(eu, 'ECS129').actions;
    assert.match(applyWorkspaceEdit(parse(eu), fromImage?.edit), /"awslogs-region": "eu-central-1"/);
  });

  const DESCRIBED = lines(
    '{',
    '  "taskDefinition": {',
    '    "taskDefinitionArn": "arn:aws:ecs:eu-west-1:111122223333:task-definition/web:3",',
    '    "family": "web",',
    '    "revision": 3,',
    '    "containerDefinitions": [{ "name": "app", "image": "nginx", "memory": 512 }],',
    '    "status": "ACTIVE",',
    '    "registeredAt": "2024-01-01T00:00:00Z"',
    '  },',
    '  "tags": []',
    '}',
  );

  it('removes one read-only field of describe output with its comma', () => {
    assert.equal(
      fix(DESCRIBED, 'ECS116', 'Remove "taskDefinitionArn"'),
      DESCRIBED.replace(/\n {4}"taskDefinitionArn".*,/, ''),
    );
  });

  it('removes every read-only field at once, leaving the rest as written', () => {
    const after = fix(
      DESCRIBED,
      'ECS116',
      'Remove all 4 properties flagged ECS116 (taskDefinitionArn, revision, status, registeredAt)',
    );
    assert.equal(
      after,
      lines(
        '{',
        '  "taskDefinition": {',
        '    "family": "web",',
        '    "containerDefinitions": [{ "name": "app", "image": "nginx", "memory": 512 }]',
        '  },',
        '  "tags": []',
        '}',
      ),
    );
    assert.ok(!service.validate(parse(after)).some((d) => d.code === 'ECS116'));
  });

  it('renames an unknown key to the key it was meant to be', () => {
    const before =
      '{"family":"web","containerDefinitions":[{"name":"app","image":"nginx","memory":512,"essentail":true}]}';
    assert.equal(
      fix(before, 'ECS012', 'Did you mean "essential"?'),
      before.replace('"essentail"', '"essential"'),
    );
  });

  it('replaces a misspelt enum value with the value it was meant to be', () => {
    const before =
      '{"family":"web","networkMode":"brige","containerDefinitions":[{"name":"app","image":"nginx","memory":512}]}';
    assert.equal(fix(before, 'ECS013', 'Did you mean "bridge"?'), before.replace('"brige"', '"bridge"'));
  });

  it('adds an execution role ARN in the account the document already names', () => {
    const before = lines(
      '{',
      ...FARGATE_HEAD,
      '  "cpu": "256",',
      '  "memory": "512",',
      '  "taskRoleArn": "arn:aws:iam::444455556666:role/app",',
      '  "containerDefinitions": [',
      '    { "name": "app", "image": "nginx", "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "g", "awslogs-region": "eu-west-1", "awslogs-stream-prefix": "p" } } }',
      '  ]',
      '}',
    );
    const after = fix(before, 'ECS131', 'Add executionRoleArn');
    assert.equal(
      after,
      before.replace(
        /\n {2}\]\n\}$/,
        '\n  ],\n  "executionRoleArn": "arn:aws:iam::444455556666:role/ecsTaskExecutionRole"\n}',
      ),
    );
  });

  it('ignores diagnostics of other sources and documents that are not ECS', () => {
    const doc = parse('{"family":"web","cpu":256,"containerDefinitions":[]}');
    const [d] = service.validate(doc).filter((x) => x.code === 'ECS109');
    assert.ok(d);
    assert.deepEqual(service.getCodeActions(doc, [{ ...d, source: 'json' }]), []);
    assert.deepEqual(service.getCodeActions(parse('{}', 'file:///w/package.json'), [d]), []);
  });
});
