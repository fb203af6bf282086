import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { detectDocumentKind } from '../../../server/src/service/core/documentKind';
import { matchGlob } from '../../../server/src/service/core/glob';
import { createLanguageService } from '../../../server/src/service/languageService';
import { parseJson } from '../../../server/src/service/core/parse';

describe('glob', () => {
  it('matches base names for slash-free and **/ patterns', () => {
    assert.ok(matchGlob('**/*task-def*.json', '/w/deploy/web-task-def.json'));
    assert.ok(matchGlob('*taskdef*.json', '/w/TaskDef.prod.json'));
    assert.ok(matchGlob('**/ecs-task-def.json', 'ecs-task-def.json'));
    assert.ok(!matchGlob('**/*task-def*.json', '/w/task-def/package.json'));
    assert.ok(matchGlob('**/copilot/**/manifest.{yml,yaml}', '/w/copilot/api/manifest.yaml'));
    assert.ok(!matchGlob('**/copilot/**/manifest.{yml,yaml}', '/w/other/api/manifest.yaml'));
  });
});

describe('document detection', () => {
  it('takes files by name pattern or by content, never other JSON', () => {
    const td = parseJson('{"family":"x","containerDefinitions":[]}').root;
    const describeOut = parseJson('{"taskDefinition":{"containerDefinitions":[]}}').root;
    const other = parseJson('{"name":"app","containerDefinitions":{}}').root;
    assert.equal(detectDocumentKind('/w/app/web-task-def.json', undefined), 'taskDefinition');
    assert.equal(detectDocumentKind('/w/app/deploy.json', td), 'taskDefinition');
    assert.equal(detectDocumentKind('/w/app/describe.json', describeOut), 'taskDefinition');
    assert.equal(detectDocumentKind('/w/app/package.json', other), undefined);
    assert.equal(detectDocumentKind('/w/app/notes.txt', td), undefined);
  });

  it('honours exclude patterns and explicit opt-out', () => {
    const td = parseJson('{"containerDefinitions":[]}').root;
    const base = { taskDefinitionPatterns: ['**/*task-def*.json'], exclude: [], detectByContent: true };
    assert.equal(detectDocumentKind('/w/a.json', td, { ...base, exclude: ['**/a.json'] }), undefined);
    assert.equal(
      detectDocumentKind('/w/task-def.json', td, { ...base, optOut: ['/w/task-def.json'] }),
      undefined,
    );
    assert.equal(
      detectDocumentKind('/w/plain.json', undefined, { ...base, optIn: ['/w/plain.json'] }),
      'taskDefinition',
    );
  });
});

describe('syntax diagnostics', () => {
  it('reports strict-JSON errors at their exact range', () => {
    const service = createLanguageService();
    const text = '{\n  "family": "web",\n  "cpu": "256"\n  "containerDefinitions": [],\n}\n';
    const doc = service.parse(TextDocument.create('file:///w/web-task-def.json', 'json', 1, text));
    const diagnostics = service.validate(doc);
    const simplified = diagnostics
      .filter((d) => d.code === 'ECS001')
      .map((d) => [
        d.message,
        d.range.start.line,
        d.range.start.character,
        d.range.end.line,
        d.range.end.character,
      ]);
    assert.deepEqual(simplified, [
      ['Comma expected', 3, 2, 3, 24],
      ['Trailing comma is not allowed in JSON', 3, 28, 3, 29],
    ]);
  });

  it('validates nothing in a document that is not ECS', () => {
    const service = createLanguageService();
    const doc = service.parse(TextDocument.create('file:///w/package.json', 'json', 1, '{ "name": '));
    assert.deepEqual(service.validate(doc), []);
  });
});
