import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseJson } from '../../../server/src/service/core/parse';
import { taskDefinitionOfRoot } from '../../../server/src/service/taskDefinition/taskDefinition';

const text = `{
  "family": "shop",
  "networkMode": "bridge",
  "requiresCompatibilities": ["EC2", "FARGATE"],
  "cpu": "1 vCPU",
  "runtimePlatform": { "operatingSystemFamily": "WINDOWS_SERVER_2022_CORE" },
  "containerDefinitions": [
    { "name": "web", "links": ["db:database"], "dependsOn": [{ "containerName": "db", "condition": "START" }],
      "volumesFrom": [{ "sourceContainer": "db" }], "mountPoints": [{ "sourceVolume": "data" }],
      "portMappings": [{ "containerPort": 80 }, { "containerPort": 443 }] },
    { "name": "db" },
    "not an object"
  ],
  "volumes": [{ "name": "data" }, { "host": {} }]
}`;

describe('task definition view', () => {
  it('exposes containers, volumes, ports and task values with their nodes', () => {
    const td = taskDefinitionOfRoot(parseJson(text).root);
    assert.ok(td);
    assert.equal(td.isDescribeOutput, false);
    assert.deepEqual(td.path, []);
    assert.deepEqual(
      td.containers.map((c) => [c.index, c.name, c.path]),
      [
        [0, 'web', ['containerDefinitions', 0]],
        [1, 'db', ['containerDefinitions', 1]],
        [2, undefined, ['containerDefinitions', 2]],
      ],
    );
    const web = td.containerNamed('web');
    assert.ok(web?.nameNode);
    assert.equal(text.slice(web.nameNode.offset, web.nameNode.offset + web.nameNode.length), '"web"');
    assert.deepEqual(
      web.portMappings.map((p): unknown => p.property('containerPort')?.value?.value),
      [80, 443],
    );
    assert.deepEqual(
      td.volumes.map((v) => v.name),
      ['data', undefined],
    );
    assert.equal(td.scalar('cpu'), '1 vCPU');
    assert.equal(td.networkMode, 'bridge');
    assert.deepEqual(td.requiresCompatibilities, ['EC2', 'FARGATE']);
    assert.equal(td.isFargate, true);
    assert.equal(td.isWindows, true);
  });

  it('finds references with the exact span of the referenced name', () => {
    const td = taskDefinitionOfRoot(parseJson(text).root);
    assert.ok(td);
    const spans = td.references.map((r) => [r.kind, r.target, text.slice(r.offset, r.offset + r.length)]);
    assert.deepEqual(spans, [
      ['dependsOn', 'db', 'db'],
      ['links', 'db', 'db'],
      ['volumesFrom', 'db', 'db'],
      ['mountPoints', 'data', 'data'],
    ]);
    assert.equal(td.referencesTo('container', 'db').length, 3);
    assert.equal(td.referencesTo('volume', 'data').length, 1);
  });

  it('unwraps describe-task-definition output', () => {
    const td = taskDefinitionOfRoot(
      parseJson('{"taskDefinition":{"containerDefinitions":[{"name":"a"}],"revision":2},"tags":[]}').root,
    );
    assert.ok(td);
    assert.equal(td.isDescribeOutput, true);
    assert.deepEqual(td.path, ['taskDefinition']);
    assert.deepEqual(td.containers[0]?.path, ['taskDefinition', 'containerDefinitions', 0]);
    assert.equal(td.scalar('revision'), 2);
  });

  it('answers nothing for non-objects and tolerates broken trees', () => {
    assert.equal(taskDefinitionOfRoot(parseJson('[1,2]').root), undefined);
    const td = taskDefinitionOfRoot(parseJson('{"containerDefinitions":[{"name":').root);
    assert.ok(td);
    assert.equal(td.containers.length, 1);
    assert.equal(td.containers[0]?.name, undefined);
  });
});
