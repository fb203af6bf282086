/**
 * One failing and one passing fixture per diagnostic code. In a failing fixture `«` and `»` mark the
 * exact range every diagnostic of the code must have (one pair per expected diagnostic); the passing
 * fixture must produce no error and no warning at all, so it also guards against false positives.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { asDiagnosticData } from '../../../server/src/service/core/diagnosticData';
import { createLanguageService } from '../../../server/src/service/languageService';
import { ALL_RULE_META } from '../../../server/src/service/taskDefinition/rules';
import { marked, messageOf } from './manifestFixture';

const service = createLanguageService();

function diagnosticsOf(
  text: string,
  uri = 'file:///w/app-task-def.json',
): ReturnType<typeof service.validate> {
  return service.validate(service.parse(TextDocument.create(uri, 'json', 1, text)));
}

// Building blocks: a valid Fargate task and a valid EC2 bridge task, each taking extra members.
const web = (extra = ''): string =>
  `{"name":"web","image":"public.ecr.aws/nginx/nginx:1.27","essential":true,"portMappings":[{"containerPort":80}]${extra}}`;
const ec2web = (extra = ''): string => `{"name":"web","image":"nginx:1.27","memory":256${extra}}`;
const fargate = (extra = '', containers: string[] = [web()]): string =>
  `{"family":"web","requiresCompatibilities":["FARGATE"],"networkMode":"awsvpc","cpu":"256","memory":"512"${extra},"containerDefinitions":[${containers.join(',')}]}`;
const ec2 = (extra = '', containers: string[] = [ec2web()]): string =>
  `{"family":"web"${extra},"containerDefinitions":[${containers.join(',')}]}`;
const sidecar = (extra = ''): string => `{"name":"sidecar","image":"busybox:1.36","essential":false${extra}}`;
const execRole = ',"executionRoleArn":"arn:aws:iam::123456789012:role/ecsTaskExecutionRole"';
const awslogs = (opts: string): string => `,"logConfiguration":{"logDriver":"awslogs","options":{${opts}}}`;
const goodLogs = '"awslogs-group":"/ecs/web","awslogs-region":"eu-west-1","awslogs-stream-prefix":"ecs"';

interface Case {
  readonly code: string;
  readonly bad: string;
  readonly good: string;
  /** Expected `Diagnostic.data.fix` of the first diagnostic, when the code offers a quick fix. */
  readonly fix?: string;
  readonly title?: string;
  /** The document's URI when the file name matters (Jsonnet). */
  readonly uri?: string;
}

// One row a case, so the table reads as a table (and each case is one line to scan).
// prettier-ignore
const cases: Case[] = [
  { code: 'ECS001', bad: '{"family":"web"«,»}', good: ec2() },
  { code: 'ECS002', bad: '«["web"]»', good: ec2() },
  { code: 'ECS010', title: 'number given as a string', bad: ec2('', [ec2web(',"portMappings":[{"containerPort":«"80"»}]')]), good: ec2('', [ec2web(',"portMappings":[{"containerPort":80}]')]), fix: 'replaceValue' },
  { code: 'ECS010', title: 'string given as a boolean-typed member', bad: ec2('', [ec2web(',"essential":«"true"»')]), good: ec2('', [ec2web(',"essential":true')]), fix: 'replaceValue' },
  { code: 'ECS012', bad: ec2('', [ec2web(',«"portMapping"»:[]')]), good: ec2('', [ec2web(',"portMappings":[]')]), fix: 'renameKey' },
  { code: 'ECS013', bad: ec2(',"networkMode":«"awsvcp"»'), good: ec2(',"networkMode":"bridge"'), fix: 'replaceValue' },
  { code: 'ECS014', bad: `«{»"containerDefinitions":[${ec2web()}]}`, good: ec2() },
  { code: 'ECS014', title: 'required member of a nested structure', bad: ec2('', [ec2web(',«"healthCheck"»:{"interval":30}')]), good: ec2('', [ec2web(',"healthCheck":{"command":["CMD","true"],"interval":30}')]) },
  { code: 'ECS101', bad: ec2().replace('"family":"web"', '"family":«"web app"»'), good: ec2() },
  { code: 'ECS102', bad: ec2().replace(/"containerDefinitions":\[.*\]/, '"containerDefinitions":«[]»'), good: ec2() },
  { code: 'ECS104', bad: fargate().replace('"networkMode":"awsvpc"', '"networkMode":«"bridge"»'), good: fargate(), fix: 'replaceValue' },
  { code: 'ECS104', title: 'networkMode missing on Fargate', bad: fargate().replace('["FARGATE"],"networkMode":"awsvpc"', '[«"FARGATE"»]'), good: fargate(), fix: 'addProperties' },
  { code: 'ECS105', bad: fargate().replace('"FARGATE"', '«"FARGATE"»').replace(',"memory":"512"', ''), good: fargate(), fix: 'addProperties' },
  { code: 'ECS106', bad: fargate().replace('"memory":"512"', '"memory":«"4096"»'), good: fargate().replace('"memory":"512"', '"memory":"2 GB"'), fix: 'replaceValue' },
  { code: 'ECS206', bad: fargate().replace('"cpu":"256"', '"cpu":«"300"»'), good: fargate().replace('"cpu":"256"', '"cpu":"0.25 vCPU"'), fix: 'replaceValue' },
  { code: 'ECS107', bad: fargate(',"runtimePlatform":{"operatingSystemFamily":"WINDOWS_SERVER_2022_CORE"}').replace('"cpu":"256"', '"cpu":«"256"»'), good: fargate(',"runtimePlatform":{"operatingSystemFamily":"WINDOWS_SERVER_2022_CORE"}').replace('"cpu":"256"', '"cpu":"1024"').replace('"memory":"512"', '"memory":"2048"'), fix: 'replaceValue' },
  { code: 'ECS108', bad: ec2(',"cpu":«"64"»'), good: ec2(',"cpu":"128"') },
  { code: 'ECS109', bad: fargate().replace('"cpu":"256"', '"cpu":«256»'), good: fargate(), fix: 'replaceValue' },
  { code: 'ECS209', bad: ec2(',"memory":«"lots"»'), good: ec2(',"memory":"1GB"') },
  { code: 'ECS110', bad: fargate(',"pidMode":«"host"»'), good: fargate(',"pidMode":"task"'), fix: 'replaceValue' },
  { code: 'ECS210', bad: ec2(',«"pidMode"»:"task","runtimePlatform":{"operatingSystemFamily":"WINDOWS_SERVER_2019_FULL"}'), good: ec2(',"runtimePlatform":{"operatingSystemFamily":"WINDOWS_SERVER_2019_FULL"}'), fix: 'removeProperty' },
  { code: 'ECS111', bad: fargate(',«"ipcMode"»:"task"'), good: ec2(',"ipcMode":"task"'), fix: 'removeProperty' },
  { code: 'ECS211', bad: ec2(',«"ipcMode"»:"host","runtimePlatform":{"operatingSystemFamily":"WINDOWS_SERVER_2022_FULL"}'), good: ec2(',"runtimePlatform":{"operatingSystemFamily":"WINDOWS_SERVER_2022_FULL"}') },
  { code: 'ECS112', bad: ec2(`,«"placementConstraints"»:[${Array(11).fill('{"type":"memberOf","expression":"attribute:ecs.os-type == linux"}').join(',')}]`), good: ec2(',"placementConstraints":[{"type":"memberOf","expression":"attribute:ecs.os-type == linux"}]') },
  { code: 'ECS212', bad: fargate(',«"placementConstraints"»:[{"type":"memberOf","expression":"attribute:ecs.os-type == linux"}]'), good: fargate(), fix: 'removeProperty' },
  { code: 'ECS113', bad: fargate(',"ephemeralStorage":{"sizeInGiB":«20»}'), good: fargate(',"ephemeralStorage":{"sizeInGiB":21}'), fix: 'replaceValue' },
  { code: 'ECS114', bad: ec2('', ['{"name":«"web"»,"image":"nginx:1.27"}']), good: ec2(',"memory":"512"', ['{"name":"web","image":"nginx:1.27"}']) },
  { code: 'ECS214', bad: ec2(',"memory":"512"', ['{"name":"web","image":"nginx:1.27","memory":«1024»}']), good: ec2(',"memory":"1024"', ['{"name":"web","image":"nginx:1.27","memory":1024}']), fix: 'replaceValue' },
  { code: 'ECS214', title: 'reservations add up to more than the task memory', bad: ec2(',"memory":«"512"»', [ec2web().replace('256', '300'), sidecar(',"memoryReservation":300')]), good: ec2(',"memory":"1024"', [ec2web().replace('256', '300'), sidecar(',"memoryReservation":300')]) },
  { code: 'ECS314', bad: ec2(',"cpu":"256"', [ec2web(',"cpu":«512»')]), good: ec2(',"cpu":"512"', [ec2web(',"cpu":512')]), fix: 'replaceValue' },
  { code: 'ECS115', bad: ec2(`,"tags":[{"key":«"${'k'.repeat(129)}"»,"value":"v"}]`), good: ec2(',"tags":[{"key":"team","value":"payments"}]') },
  { code: 'ECS116', bad: `{"taskDefinition":{"family":"web",«"revision"»:3,«"status"»:"ACTIVE","containerDefinitions":[${ec2web()}]},"tags":[]}`, good: `{"taskDefinition":{"family":"web","containerDefinitions":[${ec2web()}]},"tags":[]}`, fix: 'removeProperty' },
  { code: 'ECS117', bad: fargate(',"volumes":[{"name":"a","configuredAtLaunch":true},{"name":"b","configuredAtLaunch":«true»}]'), good: fargate(',"volumes":[{"name":"a","configuredAtLaunch":true},{"name":"b"}]') },
  { code: 'ECS118', bad: ec2('', ['«{»"image":"nginx:1.27","memory":256}']), good: ec2() },
  { code: 'ECS118', title: 'invalid characters in the name', bad: ec2('', ['{"name":«"web.app"»,"image":"nginx:1.27","memory":256}']), good: ec2() },
  { code: 'ECS218', bad: ec2('', [ec2web(), '{"name":«"web"»,"image":"redis:7","memory":128}']), good: ec2('', [ec2web(), '{"name":"cache","image":"redis:7","memory":128}']) },
  { code: 'ECS119', bad: ec2('', ['{"name":«"web"»,"memory":256}']), good: ec2() },
  { code: 'ECS219', bad: ec2('', ['{"name":"web","image":«"nginx@sha256:abc"»,"memory":256}']), good: ec2('', [`{"name":"web","image":"nginx@sha256:${'a'.repeat(64)}","memory":256}`]) },
  { code: 'ECS120', bad: ec2('', ['{"name":"web","image":"nginx:1.27","memory":256,"essential":«false»}']), good: ec2('', ['{"name":"web","image":"nginx:1.27","memory":256,"essential":true}']), fix: 'replaceValue' },
  { code: 'ECS121', bad: ec2('', ['{"name":"web","image":"nginx:1.27","memory":«128»,"memoryReservation":256}']), good: ec2('', ['{"name":"web","image":"nginx:1.27","memory":512,"memoryReservation":256}']) },
  { code: 'ECS003', bad: `«\uFEFF»${ec2()}`, good: ec2() },
  { code: 'ECS004', bad: ec2('', ['{"name":"web","image":"nginx:1.27","memory":256,«"hostname":null»}']), good: ec2('', ['{"name":"web","image":"nginx:1.27","memory":256}']), fix: 'removeNulls' },
  { code: 'ECS005', bad: ec2(',"taskRoleArn":"${TASK_ROLE}"', ['{"name":«"web"»,"memory":256}']), good: ec2(',"taskRoleArn":"${TASK_ROLE}"', ['{"name":"web","image":"nginx:1.27","memory":256}']) },
  { code: 'ECS007', bad: '«{»"family":"","taskRoleArn":"","executionRoleArn":"","networkMode":"none","containerDefinitions":[{"name":"","image":"","memory":0,"links":[""],"hostname":"","user":"","workingDirectory":""}]}', good: ec2() },
  { code: 'ECS006', uri: 'file:///w/ecs-task-def.jsonnet', bad: `{ family: 'web', containerDefinitions: [ { name: 'a', image: 'nginx:1.27', memory: 256 } «{» name: 'b', image: 'nginx:1.27', memory: 256 } ] }`, good: `{ family: 'web', containerDefinitions: [ { name: 'a', image: 'nginx:1.27', memory: 256 }, { name: 'b', image: 'nginx:1.27', memory: 256 } ] }` },
  { code: 'ECS321', bad: ec2('', ['{"name":"web","image":"nginx:1.27","memory":«256»,"memoryReservation":256}']), good: ec2('', ['{"name":"web","image":"nginx:1.27","memory":512,"memoryReservation":256}']) },
  { code: 'ECS221', bad: ec2('', ['{"name":"web","image":"nginx:1.27","memory":«4»}']), good: ec2('', ['{"name":"web","image":"nginx:1.27","memory":6}']), fix: 'replaceValue' },
  { code: 'ECS122', bad: fargate('', [web().replace('{"containerPort":80}', '{"containerPort":80,"hostPort":«8080»}')]), good: fargate('', [web().replace('{"containerPort":80}', '{"containerPort":80,"hostPort":80}')]), fix: 'replaceValue' },
  { code: 'ECS222', bad: ec2(',"networkMode":"none"', [ec2web(',«"portMappings"»:[{"containerPort":80}]')]), good: ec2(',"networkMode":"none"'), fix: 'removeProperty' },
  { code: 'ECS322', bad: ec2(',"networkMode":"host"', [ec2web(',"portMappings":[{«"containerPortRange"»:"8000-8010"}]')]), good: ec2('', [ec2web(',"portMappings":[{"containerPortRange":"8000-8010"}]')]) },
  { code: 'ECS123', bad: fargate('', [web().replace('{"containerPort":80}', '{"containerPort":80,"name":«"Web-HTTP"»}')]), good: fargate('', [web().replace('{"containerPort":80}', '{"containerPort":80,"name":"web-http"}')]) },
  { code: 'ECS223', bad: fargate('', [web().replace('{"containerPort":80}', '{"containerPort":80,"name":"http"},{"containerPort":81,"name":«"http"»}')]), good: fargate('', [web().replace('{"containerPort":80}', '{"containerPort":80,"name":"http"},{"containerPort":81,"name":"admin"}')]) },
  { code: 'ECS323', bad: fargate('', [web().replace('{"containerPort":80}', '{"containerPort":80,«"appProtocol"»:"http"}')]), good: fargate('', [web().replace('{"containerPort":80}', '{"containerPort":80,"name":"web","appProtocol":"http"}')]) },
  { code: 'ECS124', bad: ec2(',"networkMode":"host"', [ec2web(',«"links"»:["db"]'), '{"name":"db","image":"postgres:16","memory":256}']), good: ec2('', [ec2web(',"links":["db"]'), '{"name":"db","image":"postgres:16","memory":256}']), fix: 'removeProperty' },
  { code: 'ECS224', bad: ec2(',"networkMode":"awsvpc"', [ec2web(',«"hostname"»:"web"')]), good: ec2(',"networkMode":"bridge"', [ec2web(',"hostname":"web"')]), fix: 'removeProperty' },
  { code: 'ECS125', bad: ec2('', [ec2web(',"dependsOn":[{"containerName":"«sidcar»","condition":"START"}]'), sidecar(',"memory":64')]), good: ec2('', [ec2web(',"dependsOn":[{"containerName":"sidecar","condition":"START"}]'), sidecar(',"memory":64')]), fix: 'replaceValue' },
  { code: 'ECS125', title: 'links name part only', bad: ec2('', [ec2web(',"links":["«dbb»:database"]'), '{"name":"db","image":"postgres:16","memory":256}']), good: ec2('', [ec2web(',"links":["db:database"]'), '{"name":"db","image":"postgres:16","memory":256}']), fix: 'replaceValue' },
  { code: 'ECS225', bad: ec2('', [ec2web(',"dependsOn":[{"containerName":"sidecar","condition":«"HEALTHY"»}]'), sidecar(',"memory":64')]), good: ec2('', [ec2web(',"dependsOn":[{"containerName":"sidecar","condition":"HEALTHY"}]'), sidecar(',"memory":64,"healthCheck":{"command":["CMD-SHELL","true"]}')]) },
  { code: 'ECS325', bad: ec2('', [ec2web(',"dependsOn":[{"containerName":"init","condition":«"SUCCESS"»}]'), '{"name":"init","image":"busybox:1.36","memory":64}']), good: ec2('', [ec2web(',"dependsOn":[{"containerName":"init","condition":"SUCCESS"}]'), '{"name":"init","image":"busybox:1.36","memory":64,"essential":false}']) },
  { code: 'ECS126', bad: ec2('', [ec2web(',"healthCheck":{"command":[«"curl -f http://localhost/"»]}')]), good: ec2('', [ec2web(',"healthCheck":{"command":["CMD-SHELL","curl -f http://localhost/"]}')]), fix: 'replaceValue' },
  { code: 'ECS226', bad: ec2('', [ec2web(',"healthCheck":{"command":["CMD","true"],"interval":«1»,"retries":«11»}')]), good: ec2('', [ec2web(',"healthCheck":{"command":["CMD","true"],"interval":5,"retries":10}')]), fix: 'replaceValue' },
  { code: 'ECS127', bad: fargate('', [web(',"stopTimeout":«300»')]), good: fargate('', [web(',"stopTimeout":120')]), fix: 'replaceValue' },
  { code: 'ECS128', bad: fargate('', [web(',"logConfiguration":{"logDriver":«"json-file"»}')]), good: ec2('', [ec2web(',"logConfiguration":{"logDriver":"json-file"}')]), fix: 'replaceValue' },
  { code: 'ECS129', bad: fargate(execRole, [web(',"logConfiguration":{"logDriver":"awslogs",«"options"»:{"awslogs-group":"/ecs/web"}}')]), good: fargate(execRole, [web(awslogs(goodLogs))]), fix: 'addProperties' },
  { code: 'ECS229', bad: fargate(execRole, [web(awslogs(`${goodLogs},"awslogs-datetime-format":"%Y-%m-%d",«"awslogs-multiline-pattern"»:"^INFO"`))]), good: fargate(execRole, [web(awslogs(`${goodLogs},"awslogs-datetime-format":"%Y-%m-%d"`))]), fix: 'removeProperty' },
  { code: 'ECS329', bad: fargate(execRole, [web(awslogs(`${goodLogs},"mode":«"nonblocking"»`))]), good: fargate(execRole, [web(awslogs(`${goodLogs},"mode":"non-blocking"`))]), fix: 'replaceValue' },
  { code: 'ECS429', bad: fargate(execRole, [web(awslogs(goodLogs.replace('"/ecs/web"', '«"/ecs/web app"»')))]), good: fargate(execRole, [web(awslogs(goodLogs))]) },
  { code: 'ECS130', bad: fargate(execRole, [web(',"secrets":[{"name":"DB_PASSWORD","valueFrom":«"arn:aws:s3:::bucket/secret"»}]')]), good: fargate(execRole, [web(',"secrets":[{"name":"DB_PASSWORD","valueFrom":"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf:password::"},{"name":"API_KEY","valueFrom":"/prod/api-key"}]')]) },
  { code: 'ECS131', bad: fargate('', [web(',«"secrets"»:[{"name":"API_KEY","valueFrom":"/prod/api-key"}]')]), good: fargate(execRole, [web(',"secrets":[{"name":"API_KEY","valueFrom":"/prod/api-key"}]')]), fix: 'addProperties' },
  { code: 'ECS131', title: 'awslogs on Fargate', bad: fargate('', [web(`,"logConfiguration":{"logDriver":«"awslogs"»,"options":{${goodLogs}}}`)]), good: fargate(execRole, [web(awslogs(goodLogs))]), fix: 'addProperties' },
  { code: 'ECS231', bad: ec2(',"executionRoleArn":«"arn:aws:iam::123456789012:user/deploy"»'), good: ec2(execRole) },
  { code: 'ECS132', bad: ec2('', [ec2web(',"environment":[{"name":"PORT","value":"80"},{"name":«"PORT"»,"value":"8080"}]')]), good: ec2('', [ec2web(',"environment":[{"name":"PORT","value":"80"},{"name":"HOST","value":"0.0.0.0"}]')]) },
  { code: 'ECS232', bad: ec2('', [ec2web(',"environmentFiles":[{"type":"s3","value":«"arn:aws:s3:::bucket/app.txt"»}]')]), good: ec2('', [ec2web(',"environmentFiles":[{"type":"s3","value":"arn:aws:s3:::bucket/app.env"}]')]) },
  { code: 'ECS133', bad: fargate('', [web(',"linuxParameters":{«"sharedMemorySize"»:64,"initProcessEnabled":true}')]), good: fargate('', [web(',"linuxParameters":{"initProcessEnabled":true}')]), fix: 'removeProperty' },
  { code: 'ECS233', bad: fargate('', [web(',"linuxParameters":{"capabilities":{"add":["SYS_PTRACE",«"NET_ADMIN"»]}}')]), good: fargate('', [web(',"linuxParameters":{"capabilities":{"add":["SYS_PTRACE"],"drop":["NET_RAW"]}}')]) },
  { code: 'ECS134', bad: fargate('', [web(',«"privileged"»:true')]), good: ec2('', [ec2web(',"privileged":true')]), fix: 'removeProperty' },
  { code: 'ECS135', bad: ec2(',"volumes":[{"name":"data"}]', [ec2web(',"mountPoints":[{"sourceVolume":"«dta»","containerPath":"/data"}]')]), good: ec2(',"volumes":[{"name":"data"}]', [ec2web(',"mountPoints":[{"sourceVolume":"data","containerPath":"/data"}]')]), fix: 'replaceValue' },
  { code: 'ECS235', bad: fargate(',"volumes":[{"name":"data","host":{«"sourcePath"»:"/var/data"}}]'), good: fargate(',"volumes":[{"name":"data","host":{}}]'), fix: 'removeProperty' },
  { code: 'ECS335', bad: fargate(',"volumes":[{"name":"efs","efsVolumeConfiguration":{"fileSystemId":"fs-12345678","authorizationConfig":{"iam":«"ENABLED"»}}}]'), good: fargate(',"volumes":[{"name":"efs","efsVolumeConfiguration":{"fileSystemId":"fs-12345678","transitEncryption":"ENABLED","authorizationConfig":{"iam":"ENABLED"}}}]'), fix: 'addProperties' },
  { code: 'ECS136', bad: ec2(',"runtimePlatform":{"cpuArchitecture":«"ARM64"»,"operatingSystemFamily":"WINDOWS_SERVER_2022_CORE"}'), good: ec2(',"runtimePlatform":{"cpuArchitecture":"ARM64","operatingSystemFamily":"LINUX"}'), fix: 'replaceValue' },
];

describe('task definition rules', () => {
  for (const c of cases) {
    it(`${c.code}${c.title ? ` (${c.title})` : ''}: fails at the marked range, passes when fixed`, () => {
      const { text, ranges } = marked(c.bad);
      assert.ok(ranges.length > 0, 'the failing fixture marks at least one range');
      const found = diagnosticsOf(text, c.uri).filter((d) => d.code === c.code);
      const doc = TextDocument.create('file:///x.json', 'json', 1, text);
      const actual = found.map((d) => [doc.offsetAt(d.range.start), doc.offsetAt(d.range.end)]);
      assert.deepEqual(actual, ranges, `ranges of ${c.code} in ${text}`);
      for (const d of found) {
        assert.ok(messageOf(d).length > 20, 'the message says what is wrong and what is allowed');
        assert.ok(d.codeDescription?.href.startsWith('https://'), 'a docs link');
      }
      if (c.fix) assert.equal(asDiagnosticData(found[0]?.data)?.fix, c.fix);

      const problems = diagnosticsOf(c.good, c.uri).filter(
        (d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning,
      );
      assert.deepEqual(
        problems.map((d) => `${String(d.code)}: ${messageOf(d)}`),
        [],
        `the passing fixture is clean: ${c.good}`,
      );
    });
  }

  it('covers every code that the rules declare', () => {
    const tested = new Set(cases.map((c) => c.code));
    const untested = ALL_RULE_META.map((m) => m.code).filter((code) => !tested.has(code));
    assert.deepEqual(untested, []);
  });

  it('documents every code in docs/rules.md under its anchor', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'docs', 'rules.md'), 'utf8');
    const missing = ALL_RULE_META.filter((m) => !doc.includes(`<a id="${m.code.toLowerCase()}"></a>`));
    assert.deepEqual(
      missing.map((m) => m.code),
      [],
    );
  });

  it('says what is allowed: Fargate memory lists the valid partners and offers the nearest', () => {
    const text = fargate().replace('"memory":"512"', '"memory":"4096"');
    const d = diagnosticsOf(text).find((x) => x.code === 'ECS106');
    assert.equal(
      d ? messageOf(d) : '',
      'memory 4096 is not valid with cpu 256 (0.25 vCPU) on Fargate; valid: 512, 1024, 2048; memory 4096 (4 GiB) needs cpu 512, 1024 or 2048.',
    );
    assert.deepEqual(d?.data, {
      fix: 'replaceValue',
      path: ['memory'],
      values: ['2048', '512', '1024'],
    });
  });

  it('offers did-you-mean for unknown keys and enum values', () => {
    const text = ec2(',"netwrokMode":"bridge"', [ec2web(',"logConfiguration":{"logDriver":"awslog"}')]);
    const ds = diagnosticsOf(text);
    const key = ds.find((d) => d.code === 'ECS012');
    assert.match(key ? messageOf(key) : '', /Did you mean `networkMode`\?/);
    assert.deepEqual(key?.data, { fix: 'renameKey', path: ['netwrokMode'], names: ['networkMode'] });
    const value = ds.find((d) => d.code === 'ECS013');
    assert.match(value ? messageOf(value) : '', /Did you mean `awslogs`/);
  });

  it('checks describe output against the describe shape and keeps paths under taskDefinition', () => {
    const text = `{"taskDefinition":{"family":"web","taskDefinitionArn":"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3","containerDefinitions":[${ec2web()}]}}`;
    const ds = diagnosticsOf(text);
    assert.deepEqual(
      ds.map((d) => d.code),
      ['ECS116'],
    );
    assert.deepEqual(ds[0]?.data, { fix: 'removeProperty', path: ['taskDefinition', 'taskDefinitionArn'] });
    assert.equal(ds[0]?.severity, DiagnosticSeverity.Warning);
  });

  it('accepts register members inside describe output, and does not pile findings on an unknown network mode', () => {
    const describe = `{"taskDefinition":{"family":"web","tags":[{"key":"a","value":"b"}],"containerDefinitions":[${ec2web()}]}}`;
    assert.deepEqual(
      diagnosticsOf(describe).map((d) => d.code),
      [],
    );
    const badTags = `{"taskDefinition":{"family":"web","tags":{"a":"b"},"containerDefinitions":[${ec2web()}]}}`;
    assert.deepEqual(
      diagnosticsOf(badTags).map((d) => d.code),
      ['ECS010'],
    );
    const unknownMode = ec2(',"networkMode":"default"', [
      ec2web(',"links":["db"],"portMappings":[{"containerPort":80,"hostPort":8080}]'),
      '{"name":"db","image":"postgres:16","memory":256}',
    ]);
    assert.deepEqual(
      diagnosticsOf(unknownMode).map((d) => d.code),
      ['ECS013'],
    );
  });

  it('honours per-rule severity overrides', () => {
    const overridden = createLanguageService(() => ({
      detection: { taskDefinitionPatterns: ['**/*.json'], exclude: [], detectByContent: true },
      severityOverrides: { ECS109: 'off', ECS106: 'warning' },
    }));
    const text = fargate().replace('"cpu":"256"', '"cpu":256').replace('"memory":"512"', '"memory":"4096"');
    const ds = overridden.validate(
      overridden.parse(TextDocument.create('file:///w/a.json', 'json', 1, text)),
    );
    assert.deepEqual(
      ds.map((d) => [d.code, d.severity]),
      [['ECS106', DiagnosticSeverity.Warning]],
    );
  });
});
