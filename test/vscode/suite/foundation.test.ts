import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateAndCloseEditors,
  EXTENSION_ID,
  activateExtension,
  codeOf,
  ecsDiagnostics,
  openNewFile,
  until,
} from '../util';

describe('Foundation', () => {
  activateAndCloseEditors();

  it('activates in the VS Code the harness started (oldest supported or newest) and starts the language server', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive);
    // The launcher names the version it installed; without it (test-electron) the oldest supported.
    const expected = process.env.ECSWB_EXPECTED_VSCODE_VERSION;
    if (expected) assert.equal(vscode.version, expected);
    else assert.match(vscode.version, /^1\.100\./);
    const api = await activateExtension();
    await until('the language client to be running', () => api.languageClient()?.isRunning());
  });

  it('reports a task definition problem at its exact range, and a syntax error once', async () => {
    // Line 3 misses a comma, and the task has no container.
    const text = ['{', '  "family": "web",', '  "cpu": "256"', '  "containerDefinitions": []', '}', ''].join(
      '\n',
    );
    const editor = await openNewFile('broken-task-def.json', text);
    const uri = editor.document.uri;
    const empty = await until('the empty containerDefinitions diagnostic', () =>
      ecsDiagnostics(uri).find((d) => codeOf(d) === 'ECS102'),
    );
    assert.deepEqual(
      [empty.range.start.line, empty.range.start.character, empty.range.end.line, empty.range.end.character],
      [3, 26, 3, 28],
    );
    assert.equal(empty.severity, vscode.DiagnosticSeverity.Error);
    // VS Code's JSON support reports the missing comma; the server does not repeat it.
    await until('the editor to report the syntax error', () =>
      vscode.languages.getDiagnostics(uri).some((d) => d.source === 'json' && d.range.start.line === 3),
    );
    assert.deepEqual(
      ecsDiagnostics(uri).filter((d) => codeOf(d) === 'ECS001'),
      [],
    );
  });

  it('recognises a task definition by its content whatever its name', async () => {
    const text = '{\n  "family": "api",\n  "containerDefinitions": [\n    { "name": "api" }\n  ]\n}\n';
    const editor = await openNewFile('deploy/api.json', text);
    const missingImage = await until('a diagnostic on a content-detected file', () =>
      ecsDiagnostics(editor.document.uri).find((d) => /image/.test(d.message)),
    );
    assert.equal(missingImage.range.start.line, 3);
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
