/**
 * The classes of false and missed findings seen on real files: absent values, nulls and their quick
 * fix, placeholders, ecspresso semantics, encodings (the CLI and the server agree), cascades after a
 * syntax error, fragments and pipeline-filled fields.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { lintFiles } from '../../../server/src/cli';
import { detectEncoding, encodingFromText } from '../../../server/src/service/core/encoding';
import { isPlaceholder } from '../../../server/src/service/core/templates';
import {
  type LanguageServiceSettings,
  createLanguageService,
  defaultLanguageServiceSettings,
} from '../../../server/src/service/languageService';

function lint(
  text: string,
  uri = 'file:///w/app-task-def.json',
  settings?: Partial<LanguageServiceSettings>,
) {
  const service = createLanguageService(() => ({ ...defaultLanguageServiceSettings, ...settings }));
  const doc = service.parse(TextDocument.create(uri, 'json', 1, text));
  return { service, doc, diagnostics: service.validate(doc) };
}

const codes = (text: string, uri?: string, settings?: Partial<LanguageServiceSettings>): string[] =>
  lint(text, uri, settings).diagnostics.map((d) => String(d.code));

const fargate = (container: string, extra = ''): string =>
  `{"family":"web","requiresCompatibilities":["FARGATE"],"networkMode":"awsvpc","cpu":"256","memory":"512"${extra},"containerDefinitions":[${container}]}`;

describe('accuracy classes', () => {
  it('absent values use no feature: privileged false, links [] and hostname "" pass on Fargate', () => {
    const c =
      '{"name":"web","image":"nginx:1.27","privileged":false,"links":[],"hostname":"","dnsServers":[]}';
    assert.deepEqual(codes(fargate(c)), []);
    assert.deepEqual(codes(fargate('{"name":"web","image":"nginx:1.27","privileged":true}')), ['ECS134']);
  });

  it('one ECS004 per null, a warning for the CLI and a hint for ecspresso, and one fix removes them all', () => {
    const text = fargate(
      '{"name":"web","image":"nginx:1.27","hostname":null,"user":null}',
      ',"pidMode":null',
    );
    const { service, doc, diagnostics } = lint(text);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [
        ['ECS004', DiagnosticSeverity.Warning],
        ['ECS004', DiagnosticSeverity.Warning],
        ['ECS004', DiagnosticSeverity.Warning],
      ],
    );
    const all = service.getCodeActions(doc, diagnostics).find((a) => /all 3 null/.test(a.title));
    const edits = all?.edit?.changes?.[doc.textDocument.uri] ?? [];
    const fixed = TextDocument.applyEdits(doc.textDocument, edits);
    assert.deepEqual(JSON.parse(fixed), JSON.parse(fargate('{"name":"web","image":"nginx:1.27"}')));
    const ecspresso = lint(text, 'file:///w/ecs-task-def.json').diagnostics;
    assert.ok(ecspresso.every((d) => d.severity === DiagnosticSeverity.Hint));
    const off = lint(text, undefined, { severityOverrides: { ECS004: 'off' } }).diagnostics;
    assert.deepEqual(off, []);
  });

  it('placeholders are unknown values, also where a value stands bare', () => {
    for (const v of [
      '<TASK_NAME>',
      'YOUR_ACCOUNT_ID',
      '${VAR}',
      '$VAR',
      '{{ .Name }}',
      '#{x}',
      '__VAR__',
      '%VAR%',
    ])
      assert.ok(isPlaceholder(v), v);
    assert.ok(!isPlaceholder('arn:aws:iam::123456789012:role/x'));
    const text =
      '{"family": $NAME, "executionRoleArn": "<ECS_EXEC_ROLE_ARN>", "containerDefinitions": [{"name": "${SERVICE}", "image": "nginx:1.27", "memory": 256, "portMappings": [{"containerPort": <PORT>}]}]}';
    assert.deepEqual(codes(text), []);
  });

  it('a role given by name is accepted', () => {
    assert.deepEqual(
      codes(fargate('{"name":"web","image":"nginx:1.27"}', ',"executionRoleArn":"ecsTaskExecutionRole"')),
      [],
    );
  });

  it('ecspresso service files: empty enums and a missing desiredCount are no finding there', () => {
    const text =
      '{"launchType": "", "schedulingStrategy": "REPLICA", "capacityProviderStrategy": [{"capacityProvider": "FARGATE"}], "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["s"]}}}';
    assert.deepEqual(codes(text, 'file:///w/ecs-service-def.json'), []);
  });

  it('a UTF-16 file is one ECS003 in the CLI, and the same when the server sees the decoded text', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-enc-'));
    const file = path.join(dir, 'task-def.json');
    const text = fargate('{"name":"web","image":"nginx:1.27"}');
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    const { results } = lintFiles([file]);
    assert.deepEqual(
      results[0]?.diagnostics.map((d) => [d.code, d.severity]),
      [['ECS003', DiagnosticSeverity.Error]],
    );
    assert.equal(detectEncoding(fs.readFileSync(file)), 'utf-16le');
    // Without a BOM and read as UTF-8 (what an editor without detection shows): NULs.
    assert.equal(encodingFromText(Buffer.from(text, 'utf16le').toString('utf8')), 'utf-16le');
    const server = lint(Buffer.from(text, 'utf16le').toString('utf8'), 'file:///w/task-def.json').diagnostics;
    assert.deepEqual(
      server.map((d) => d.code),
      ['ECS003'],
    );
    fs.rmSync(dir, { recursive: true });
  });

  it('caps cascades: no rule findings inside a broken object, at most 10 syntax errors', () => {
    // A value missing: the parser has to guess the object. (A missing comma or closing brace leaves
    // every member as written, so rules still hold there: see the second case.)
    const broken = fargate('{"name":"web","image":"nginx:1.27","privileged":true, "user": }');
    assert.deepEqual(
      codes(broken).filter((c) => c !== 'ECS001'),
      [],
    );
    const missingComma = fargate('{"name":"web","image":"nginx:1.27","privileged":true "user": "1"}');
    assert.deepEqual(
      codes(missingComma).filter((c) => c !== 'ECS001'),
      ['ECS134'],
    );
    const many = `{"family":"x","containerDefinitions":[${Array.from({ length: 30 }, () => '{"name" "a"}').join(',')}]}`;
    assert.equal(codes(many).filter((c) => c === 'ECS001').length, 10);
  });

  it('fragments are checked as what they are: a container list, a Service Connect block', () => {
    assert.deepEqual(codes('[{"name":"web","image":"nginx:1.27","essential":true}]'), []);
    assert.deepEqual(codes('[{"name":"web","image":"nginx:1.27","memroy":5}]'), ['ECS012']);
    assert.deepEqual(codes('{"enabled": true, "namespace": "n", "services": [{"portName": "p"}]}'), []);
  });

  it('pipelineFilledFields silences a missing image; a template without one gets a hint', () => {
    const text = fargate('{"name":"web"}', ',"executionRoleArn":"arn:aws:iam::${ACCOUNT}:role/x"');
    assert.deepEqual(codes(text), ['ECS005']);
    assert.deepEqual(codes(text, undefined, { pipelineFilledFields: ['image'] }), []);
    assert.deepEqual(codes(fargate('{"name":"web"}')), ['ECS119']);
  });

  it('assignPublicIp ENABLED with the EC2 launch type is found, with Fargate it is fine', () => {
    const svc = (lt: string): string =>
      `{"serviceName":"web","taskDefinition":"web:1","desiredCount":1,"launchType":"${lt}","networkConfiguration":{"awsvpcConfiguration":{"subnets":["s"],"assignPublicIp":"ENABLED"}}}`;
    assert.deepEqual(codes(svc('EC2'), 'file:///w/web-service-def.json'), ['ECS339']);
    assert.deepEqual(codes(svc('FARGATE'), 'file:///w/web-service-def.json'), []);
  });
});
