import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateExtension, codeOf, ecsDiagnostics, openNewFile, until } from '../util';

describe('Foundation', () => {
  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('activates in VS Code 1.100 and starts the language server', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive);
    assert.match(vscode.version, /^1\.100\./);
    const api = await activateExtension();
    await until('the language client to be running', () => api.languageClient()?.isRunning());
  });

  it('reports a JSON syntax error in a task definition at its exact range', async () => {
    // Line 3 misses the comma after "web": the parser expects one at the start of line 4.
    const text = ['{', '  "family": "web",', '  "cpu": "256"', '  "containerDefinitions": []', '}', ''].join(
      '\n',
    );
    const editor = await openNewFile('broken-task-def.json', text);
    const uri = editor.document.uri;
    const diagnostics = await until('a syntax diagnostic', () => {
      const found = ecsDiagnostics(uri);
      return found.length > 0 ? found : undefined;
    });
    const syntax = diagnostics.find((d) => codeOf(d) === 'ECS001');
    assert.ok(syntax, `expected ECS001, got ${diagnostics.map(codeOf).join(', ')}`);
    assert.equal(syntax.message, 'Comma expected');
    assert.deepEqual(
      [
        syntax.range.start.line,
        syntax.range.start.character,
        syntax.range.end.line,
        syntax.range.end.character,
      ],
      [3, 2, 3, 24],
    );
    assert.equal(syntax.severity, vscode.DiagnosticSeverity.Error);
  });

  it('recognises a task definition by its content whatever its name', async () => {
    const text = '{\n  "family": "api",\n  "containerDefinitions": [\n    { "name": "api", }\n  ]\n}\n';
    const editor = await openNewFile('deploy/api.json', text);
    const diagnostics = await until('a diagnostic on a content-detected file', () => {
      const found = ecsDiagnostics(editor.document.uri);
      return found.length > 0 ? found : undefined;
    });
    assert.ok(diagnostics.some((d) => codeOf(d) === 'ECS001'));
  });

  it('leaves unrelated JSON files alone', async () => {
    // A broken unrelated file next to a broken task definition: only the latter gets ECS diagnostics.
    const other = await openNewFile('settings-of-my-app.json', '{ "name": "app", "port": 80 ');
    const marker = await openNewFile('marker-task-def.json', '{ "family": "x" ');
    await until(
      'the task definition next to it to be validated',
      () => ecsDiagnostics(marker.document.uri).length > 0,
    );
    assert.deepEqual(ecsDiagnostics(other.document.uri), []);
  });
});
