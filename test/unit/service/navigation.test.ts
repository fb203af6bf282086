import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Location } from 'vscode-languageserver-types';
import type { EcsDocument } from '../../../server/src/service/core/ecsDocument';
import { applyWorkspaceEdit, service, withCaret } from './editorFixture';

const TASK = `{
  "family": "web",
  "containerDefinitions": [
    {
      "name": "app",
      "links": ["db:database"],
      "dependsOn": [{ "containerName": "d|b", "condition": "START" }],
      "mountPoints": [{ "sourceVolume": "data", "containerPath": "/data" }]
    },
    { "name": "db", "volumesFrom": [{ "sourceContainer": "app" }] },
    { "name": "backup", "volumesFrom": [{ "sourceContainer": "db" }], "mountPoints": [{ "sourceVolume": "data", "containerPath": "/b" }] }
  ],
  "volumes": [{ "name": "data" }]
}`;

/** `line:character text` of each location, the text read from the document. */
function describeLocations(doc: EcsDocument, locations: readonly Location[]): string[] {
  return locations.map(
    (l) => `${l.range.start.line}:${l.range.start.character} ${doc.textDocument.getText(l.range)}`,
  );
}

/** Moves the caret of TASK to the `nth` occurrence of `needle` (plus `shift` characters). */
function caretAt(needle: string, nth = 0, shift = 1): ReturnType<typeof withCaret> {
  const clean = TASK.replace('|', '');
  let at = -1;
  for (let i = 0; i <= nth; i++) at = clean.indexOf(needle, at + 1);
  assert.ok(at >= 0, `no ${needle}`);
  return withCaret(clean.slice(0, at + shift) + '|' + clean.slice(at + shift));
}

describe('definition and references', () => {
  it('goes from dependsOn, links and volumesFrom to the container, and from mountPoints to the volume', () => {
    const { doc, position } = withCaret(TASK);
    assert.deepEqual(describeLocations(doc, service.findDefinition(doc, position)), ['9:15 db']);
    const link = caretAt('"db:database"', 0, 2);
    assert.deepEqual(describeLocations(link.doc, service.findDefinition(link.doc, link.position)), [
      '9:15 db',
    ]);
    const from = caretAt('"sourceContainer": "app"', 0, 22);
    assert.deepEqual(describeLocations(from.doc, service.findDefinition(from.doc, from.position)), [
      '4:15 app',
    ]);
    const mount = caretAt('"sourceVolume": "data"', 1, 19);
    assert.deepEqual(describeLocations(mount.doc, service.findDefinition(mount.doc, mount.position)), [
      '12:25 data',
    ]);
  });

  it('finds every reference of a container, with or without its declaration', () => {
    const decl = caretAt('"name": "db"', 0, 10);
    assert.deepEqual(describeLocations(decl.doc, service.findReferences(decl.doc, decl.position, true)), [
      '5:17 db',
      '6:40 db',
      '9:15 db',
      '10:62 db',
    ]);
    assert.equal(service.findReferences(decl.doc, decl.position, false).length, 3);
  });

  it('answers nothing away from names', () => {
    const other = caretAt('"condition"', 0, 3);
    assert.deepEqual(service.findDefinition(other.doc, other.position), []);
    assert.equal(service.prepareRename(other.doc, other.position), undefined);
    const image = caretAt('"/data"', 0, 2);
    assert.equal(service.prepareRename(image.doc, image.position), undefined);
  });
});

describe('rename', () => {
  it('renames a container from a reference: declaration, dependsOn, links (keeping the alias) and volumesFrom', () => {
    const { doc, position } = withCaret(TASK);
    const prepared = service.prepareRename(doc, position);
    assert.ok(prepared);
    assert.equal(prepared.placeholder, 'db');
    assert.equal(doc.textDocument.getText(prepared.range), 'db');
    const result = service.doRename(doc, position, 'postgres');
    assert.ok(result && 'edit' in result);
    const after = applyWorkspaceEdit(doc, result.edit);
    assert.equal(
      after,
      TASK.replace('|', '')
        .replace('"db:database"', '"postgres:database"')
        .replace('"containerName": "db"', '"containerName": "postgres"')
        .replace('{ "name": "db"', '{ "name": "postgres"')
        .replace('"sourceContainer": "db"', '"sourceContainer": "postgres"'),
    );
  });

  it('renames a volume from its declaration and every mount follows', () => {
    const decl = caretAt('{ "name": "data" }', 0, 12);
    const result = service.doRename(decl.doc, decl.position, 'shared');
    assert.ok(result && 'edit' in result);
    const after = applyWorkspaceEdit(decl.doc, result.edit);
    assert.equal((after.match(/"shared"/g) ?? []).length, 3);
    assert.ok(!after.includes('"data"'));
  });

  it('refuses invalid and duplicate names with a message', () => {
    const { doc, position } = withCaret(TASK);
    assert.deepEqual(service.doRename(doc, position, 'my db'), {
      error: '"my db" is not a valid container name: use 1 to 255 letters, digits, _ or -.',
    });
    assert.deepEqual(service.doRename(doc, position, 'app'), {
      error: 'A container named "app" already exists in this task definition.',
    });
  });
});
