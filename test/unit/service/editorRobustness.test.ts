import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EcsDocument } from '../../../server/src/service/core/ecsDocument';
import { parse, service } from './editorFixture';

const TASK = `{
  "family": "web",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "awsvpc",
  "cpu": 256,
  "memory": "4 GB",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "nginx",
      "essentail": true,
      "links": ["db:database"],
      "portMappings": [{ "containerPort": 80, "hostPort": 8080, "protocol": "tpc" }],
      "dependsOn": [{ "containerName": "db", "condition": "HEALTHY" }],
      "mountPoints": [{ "sourceVolume": "data", "containerPath": "/data" }],
      "logConfiguration": { "logDriver": "awslogs", "options": { "awslogs-group": "/ecs/web" } }
    },
    { "name": "db", "image": "postgres", "volumesFrom": [{ "sourceContainer": "app" }] }
  ],
  "volumes": [{ "name": "data" }],
  "taskDefinitionArn": "arn:aws:ecs:eu-west-1:111122223333:task-definition/web:1"
}`;

/** Runs every editor feature at `offset` and checks each answers with a well-formed value. */
function exercise(doc: EcsDocument, offset: number): void {
  const position = doc.textDocument.positionAt(offset);
  const list = service.doComplete(doc, position);
  assert.ok(Array.isArray(list.items));
  for (const item of list.items) assert.ok(item.textEdit && 'range' in item.textEdit);
  service.doHover(doc, position);
  assert.ok(Array.isArray(service.findDefinition(doc, position)));
  assert.ok(Array.isArray(service.findReferences(doc, position, true)));
  if (service.prepareRename(doc, position)) assert.ok(service.doRename(doc, position, 'renamed'));
}

/** A tiny deterministic random generator so failures reproduce. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('editor features on broken documents', () => {
  it('never throw on any truncation of a task definition, at any caret', () => {
    for (let end = 0; end <= TASK.length; end++) {
      const doc = parse(TASK.slice(0, end));
      for (const offset of [0, Math.floor(end / 2), Math.max(0, end - 1), end]) exercise(doc, offset);
      service.findDocumentSymbols(doc);
      service.getCodeActions(doc, service.validate(doc));
    }
  });

  it('never throw on random mutations (deleted, duplicated and swapped characters)', () => {
    const next = random(42);
    const alphabet = '{}[]",: \n0a-';
    for (let round = 0; round < 300; round++) {
      const chars = TASK.split('');
      for (let m = 0; m < 1 + Math.floor(next() * 6); m++) {
        const at = Math.floor(next() * chars.length);
        const kind = next();
        if (kind < 0.4) chars.splice(at, 1);
        else if (kind < 0.7) chars.splice(at, 0, alphabet[Math.floor(next() * alphabet.length)] ?? '');
        else chars.splice(at, 0, ...chars.slice(at, at + Math.floor(next() * 20)));
      }
      const doc = parse(chars.join(''));
      for (let k = 0; k < 5; k++) exercise(doc, Math.floor(next() * (chars.length + 1)));
      service.findDocumentSymbols(doc);
      service.getCodeActions(doc, service.validate(doc));
    }
  });

  it('answers on deeply nested arrays without exhausting the stack', () => {
    const depth = 5000;
    const text = `{"containerDefinitions":[{"name":"a","command":${'['.repeat(depth)}${']'.repeat(depth)}}]}`;
    const doc = parse(text);
    exercise(doc, text.indexOf('[[') + depth / 2);
    assert.ok(Array.isArray(service.findDocumentSymbols(doc)));
  });
});
