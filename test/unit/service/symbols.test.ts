import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import { parse, service } from './editorFixture';

/** The outline as indented `name (detail)` lines, limited to `depth` levels. */
function outline(symbols: readonly DocumentSymbol[], depth: number, indent = ''): string[] {
  return symbols.flatMap((s) => [
    `${indent}${s.name}${s.detail ? ` (${s.detail})` : ''}`,
    ...(depth > 1 ? outline(s.children ?? [], depth - 1, `${indent}  `) : []),
  ]);
}

const TASK = `{
  "family": "web",
  "networkMode": "bridge",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "nginx:1.27",
      "portMappings": [
        { "containerPort": 80, "hostPort": 0 },
        { "containerPort": 9090, "hostPort": 9090, "protocol": "udp", "name": "metrics" }
      ],
      "mountPoints": [{ "sourceVolume": "data", "containerPath": "/data" }],
      "dependsOn": [{ "containerName": "db", "condition": "HEALTHY" }]
    },
    { "name": "db", "image": "postgres:16" }
  ],
  "volumes": [{ "name": "data", "host": { "sourcePath": "/srv" } }]
}`;

describe('document symbols', () => {
  it('outlines task fields, containers with their ports and mounts, and volumes', () => {
    const symbols = service.findDocumentSymbols(parse(TASK));
    assert.deepEqual(outline(symbols, 4), [
      'family (web)',
      'networkMode (bridge)',
      'containerDefinitions (2 items)',
      '  app (nginx:1.27)',
      '    name (app)',
      '    image (nginx:1.27)',
      '    portMappings (2 items)',
      '      0→80/tcp',
      '      9090/udp (metrics)',
      '    mountPoints (1 item)',
      '      data → /data',
      '    dependsOn (1 item)',
      '      db (HEALTHY)',
      '  db (postgres:16)',
      '    name (db)',
      '    image (postgres:16)',
      'volumes (1 item)',
      '  data',
      '    name (data)',
      '    host',
      '      sourcePath (/srv)',
    ]);
  });

  it('selects a container by its name and keeps every selection inside its range', () => {
    const doc = parse(TASK);
    const symbols = service.findDocumentSymbols(doc);
    const app = symbols.find((s) => s.name === 'containerDefinitions')?.children?.[0];
    assert.ok(app);
    assert.equal(app.kind, SymbolKind.Class);
    assert.equal(doc.textDocument.getText(app.selectionRange), '"app"');
    const check = (s: DocumentSymbol): void => {
      const inside =
        doc.textDocument.offsetAt(s.selectionRange.start) >= doc.textDocument.offsetAt(s.range.start) &&
        doc.textDocument.offsetAt(s.selectionRange.end) <= doc.textDocument.offsetAt(s.range.end);
      assert.ok(inside, `selection of ${s.name} outside its range`);
      s.children?.forEach(check);
    };
    symbols.forEach(check);
  });

  it('outlines describe output under taskDefinition, and nothing for other JSON', () => {
    const symbols = service.findDocumentSymbols(
      parse('{"taskDefinition":{"containerDefinitions":[{"name":"a"}]}}'),
    );
    assert.deepEqual(outline(symbols, 3), ['taskDefinition', '  containerDefinitions (1 item)', '    a']);
    assert.deepEqual(service.findDocumentSymbols(parse('{"name":"x"}', 'file:///w/package.json')), []);
  });
});
