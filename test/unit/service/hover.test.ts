import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { service, withCaret } from './editorFixture';

function hover(text: string): { value: string; range: [number, number, number, number] } | null {
  const { doc, position } = withCaret(text);
  const h = service.doHover(doc, position);
  if (!h) return null;
  const contents = h.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'markdown');
  const r = h.range;
  assert.ok(r);
  return { value: contents.value, range: [r.start.line, r.start.character, r.end.line, r.end.character] };
}

describe('hover', () => {
  it('shows the API docs of a key with its type and a link to the API reference', () => {
    const h = hover('{\n  "netw|orkMode": "awsvpc"\n}');
    assert.ok(h);
    assert.deepEqual(h.range, [1, 2, 1, 15]);
    assert.match(h.value, /^\*\*networkMode\*\* · `one of awsvpc, bridge, host, none`/);
    assert.match(h.value, /The Docker networking mode to use for the containers in the task/);
    assert.match(
      h.value,
      /\(https:\/\/docs\.aws\.amazon\.com\/AmazonECS\/latest\/APIReference\/API_RegisterTaskDefinition\.html#ECS-RegisterTaskDefinition-request-networkMode\)/,
    );
  });

  it('documents nested keys from their own structure, required members marked', () => {
    const h = hover('{"containerDefinitions":[{"name":"a","portMappings":[{"containerP|ort":80}]}]}');
    assert.ok(h);
    assert.match(h.value, /^\*\*containerPort\*\* · `number`/);
    assert.match(h.value, /API_PortMapping\.html#ECS-Type-PortMapping-containerPort/);
    const family = hover('{"fam|ily":"x","containerDefinitions":[]}');
    assert.match(family?.value ?? '', /^\*\*family\*\* · `string` · required/);
  });

  it('documents keys of describe-task-definition output', () => {
    const h = hover('{"taskDefinition":{"revi|sion":3,"containerDefinitions":[]}}');
    assert.match(h?.value ?? '', /API_TaskDefinition\.html#ECS-Type-TaskDefinition-revision/);
  });

  it('shows the vCPU size and the valid Fargate memory on cpu', () => {
    const h = hover('{ "cpu": "10|24", "memory": "3072" }');
    assert.ok(h);
    assert.deepEqual(h.range, [0, 9, 0, 15]);
    assert.match(h.value, /\*\*1024 CPU units = 1 vCPU\*\*/);
    assert.match(
      h.value,
      /Fargate memory for this cpu \(MiB\): 2048\.\.8192 \(step 1024\) \(2 GiB to 8 GiB\)/,
    );
  });

  it('shows the GiB size, the valid Fargate cpu and a mismatch on memory', () => {
    const h = hover('{ "cpu": "256", "mem|ory": "4 GB" }');
    assert.ok(h);
    assert.match(h.value, /\*\*4096 MiB = 4 GiB\*\*/);
    assert.match(
      h.value,
      /Fargate cpu for this memory: 512 \(0\.5 vCPU\), 1024 \(1 vCPU\), 2048 \(2 vCPU\)\./,
    );
    assert.match(h.value, /Not valid with the task's cpu 256 on Fargate\./);
  });

  it('tells what a container or volume reference names', () => {
    const task = (ref: string): string =>
      `{"containerDefinitions":[{"name":"app","image":"nginx",${ref}},{"name":"db","image":"postgres:16","essential":false}],"volumes":[{"name":"data","efsVolumeConfiguration":{"fileSystemId":"fs-1"}}]}`;
    assert.deepEqual(hover(task('"dependsOn":[{"containerName":"d|b"}]')), {
      value: '**Container `db`** (line 1)  \nImage: `postgres:16`  \nNot essential',
      range: [0, 86, 0, 88],
    });
    assert.equal(
      hover(task('"links":["db|:database"]'))?.value,
      '**Container `db`** (line 1)  \nImage: `postgres:16`  \nNot essential',
    );
    assert.equal(
      hover(task('"mountPoints":[{"sourceVolume":"da|ta"}]'))?.value,
      '**Volume `data`** (line 1)  \nefsVolumeConfiguration',
    );
    assert.equal(
      hover(task('"volumesFrom":[{"sourceContainer":"cac|he"}]'))?.value,
      'No container named `cache` in this task definition.',
    );
  });

  it('says nothing on unknown keys, punctuation or other JSON files', () => {
    assert.equal(hover('{ "colour|": "red", "containerDefinitions": [] }'), null);
    assert.equal(hover('{ "cpu": "256" |}'), null);
    const { doc, position } = withCaret('{ "c|pu": "256" }', 'file:///w/package.json');
    assert.equal(service.doHover(doc, position), null);
  });
});
