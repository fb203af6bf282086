import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateAndCloseEditors, codeOf, ecsDiagnostics, openNewFile, until } from '../util';

const TASK = `{
  "family": "shop",
  "requiresCompatibilities": ["FARGATE"],
  "networkMode": "awsvpc",
  "cpu": "256",
  "memory": "512",
  "executionRoleArn": "arn:aws:iam::111122223333:role/ecsTaskExecutionRole",
  "containerDefinitions": [
    {
      "name": "app",
      "image": "nginx:1.27",
      "portMappings": [{ "containerPort": 80 }],
      "dependsOn": [{ "containerName": "db", "condition": "START" }],
      "mountPoints": [{ "sourceVolume": "data", "containerPath": "/data" }]
    },
    { "name": "db", "image": "postgres:16", "essential": false }
  ],
  "volumes": [{ "name": "data" }]
}
`;

/** The position just after the first occurrence of `needle` (plus `shift` characters). */
function positionOf(document: vscode.TextDocument, needle: string, shift = needle.length): vscode.Position {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" is not in the document`);
  return document.positionAt(at + shift);
}

/** Opens a task definition and waits until the server has validated it (no diagnostics expected). */
async function openTask(name: string, text = TASK): Promise<vscode.TextEditor> {
  const editor = await openNewFile(name, text);
  // The outline answers once the server has the document: a good signal that it is ready.
  await until('the ECS outline', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>(
      'vscode.executeDocumentSymbolProvider',
      editor.document.uri,
    );
    return symbols && findSymbol(symbols, 'app');
  });
  return editor;
}

/**
 * The first symbol named `name` that passes `test`. VS Code merges the outline of every provider,
 * so the built-in JSON outline (array items named `0`, `1`...) sits next to ours.
 */
function findSymbol(
  symbols: readonly vscode.DocumentSymbol[],
  name: string,
  test: (s: vscode.DocumentSymbol) => boolean = () => true,
): vscode.DocumentSymbol | undefined {
  for (const s of symbols) {
    if (s.name === name && test(s)) return s;
    const inner = findSymbol(s.children, name, test);
    if (inner) return inner;
  }
  return undefined;
}

const labelOf = (item: vscode.CompletionItem): string =>
  typeof item.label === 'string' ? item.label : item.label.label;

/** Accepts a completion item the way the editor does: its snippet or text over its range. */
async function acceptCompletion(editor: vscode.TextEditor, item: vscode.CompletionItem): Promise<void> {
  const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
  assert.ok(range, `item ${labelOf(item)} has no range`);
  const insert = item.insertText ?? labelOf(item);
  const snippet =
    insert instanceof vscode.SnippetString ? insert : new vscode.SnippetString().appendText(insert);
  assert.ok(await editor.insertSnippet(snippet, range), 'the snippet was not inserted');
}

async function completionItems(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
  );
  return list.items;
}

describe('Language features', () => {
  activateAndCloseEditors();

  it('reports a diagnostic while typing', async () => {
    const editor = await openTask('typing-task-def.json');
    const uri = editor.document.uri;
    assert.deepEqual(ecsDiagnostics(uri).map(codeOf), []);
    const edit = new vscode.WorkspaceEdit();
    const memory = editor.document.getText().indexOf('"512"');
    edit.replace(
      uri,
      new vscode.Range(editor.document.positionAt(memory), editor.document.positionAt(memory + 5)),
      '"4096"',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostic = await until('ECS106 after the edit', () =>
      ecsDiagnostics(uri).find((d) => codeOf(d) === 'ECS106'),
    );
    assert.equal(editor.document.getText(diagnostic.range), '"4096"');
    assert.match(diagnostic.message, /memory 4096 is not valid with cpu 256/);
  });

  it('completes Fargate memory valid for the cpu and inserts it', async () => {
    const editor = await openTask('complete-task-def.json');
    const uri = editor.document.uri;
    const position = positionOf(editor.document, '"memory": "', '"memory": "'.length);
    const items = await completionItems(uri, position);
    const ours = items.filter((i) => /^\d+$/.test(labelOf(i))).map(labelOf);
    assert.deepEqual(
      ours.sort((a, b) => Number(a) - Number(b)),
      ['512', '1024', '2048'],
    );
    const item = items.find((i) => labelOf(i) === '2048');
    assert.ok(item);
    await acceptCompletion(editor, item);
    await until('the memory value to be replaced', () =>
      editor.document.getText().includes('"memory": "2048",'),
    );
    assert.equal(editor.document.getText(), TASK.replace('"memory": "512"', '"memory": "2048"'));
  });

  it('accepts a suggestion typed by the user in the suggest widget', async () => {
    const text = TASK.replace('"networkMode": "awsvpc"', '"networkMode": "aw"');
    const editor = await openTask('suggest-task-def.json', text);
    const caret = positionOf(editor.document, '"networkMode": "aw');
    editor.selection = new vscode.Selection(caret, caret);
    // The widget opens asynchronously: trigger and accept until the editor has taken the suggestion.
    await until('the suggestion to be accepted', async () => {
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      return editor.document.getText().includes('"networkMode": "awsvpc"');
    });
    assert.equal(editor.document.getText(), TASK);
  });

  it('completes a container name in dependsOn', async () => {
    const editor = await openTask('depends-task-def.json');
    const position = positionOf(editor.document, '"containerName": "d', '"containerName": "d'.length);
    const items = await completionItems(editor.document.uri, position);
    const item = items.find((i) => labelOf(i) === 'db' && i.kind === vscode.CompletionItemKind.Reference);
    assert.ok(item, `no db in ${items.map(labelOf).join(', ')}`);
    await acceptCompletion(editor, item);
    assert.equal(editor.document.getText(), TASK);
  });

  it('applies a quick fix and produces the expected document', async () => {
    const text = TASK.replace(
      '"portMappings": [{ "containerPort": 80 }]',
      '"portMappings": [{ "containerPort": 80, "hostPort": 8080 }]',
    );
    const editor = await openNewFile('fix-task-def.json', text);
    const uri = editor.document.uri;
    const diagnostic = await until('ECS122', () => ecsDiagnostics(uri).find((d) => codeOf(d) === 'ECS122'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const action = actions.find((a) => a.title === 'Change hostPort to 80');
    assert.ok(action?.edit, `no fix in ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    assert.equal(editor.document.getText(), text.replace('"hostPort": 8080', '"hostPort": 80'));
    await until('ECS122 to go away', () => !ecsDiagnostics(uri).some((d) => codeOf(d) === 'ECS122'));
  });

  it('renames a container and every reference follows', async () => {
    const editor = await openTask('rename-task-def.json');
    const uri = editor.document.uri;
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      uri,
      positionOf(editor.document, '"containerName": "d', '"containerName": "d'.length),
      'postgres',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(
      editor.document.getText(),
      TASK.replace('"containerName": "db"', '"containerName": "postgres"').replace(
        '{ "name": "db"',
        '{ "name": "postgres"',
      ),
    );
  });

  it('goes from a mount point to its volume', async () => {
    const editor = await openTask('definition-task-def.json');
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider',
      editor.document.uri,
      positionOf(editor.document, '"sourceVolume": "da', '"sourceVolume": "da'.length),
    );
    const ranges = locations.map((l) => ('targetRange' in l ? l.targetRange : l.range));
    assert.deepEqual(
      ranges.map((r) => editor.document.getText(r)),
      ['data'],
    );
    assert.equal(ranges[0]?.start.line, 17);
  });

  it('outlines containers with their ports, and volumes', async () => {
    const editor = await openTask('outline-task-def.json');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      editor.document.uri,
    );
    const containers = findSymbol(symbols, 'containerDefinitions', (s) => s.children[0]?.name === 'app');
    assert.deepEqual(
      containers?.children.map((c) => `${c.name} (${c.detail})`),
      ['app (nginx:1.27)', 'db (postgres:16)'],
    );
    const app = containers?.children[0];
    assert.deepEqual(
      findSymbol(app?.children ?? [], 'portMappings')?.children.map((p) => p.name),
      ['80/tcp'],
    );
    assert.deepEqual(
      findSymbol(symbols, 'volumes', (s) => s.children[0]?.name === 'data')?.children.map((v) => v.name),
      ['data'],
    );
  });

  it('shows the API docs and Fargate partners on hover', async () => {
    const editor = await openTask('hover-task-def.json');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      editor.document.uri,
      positionOf(editor.document, '"cp', 3),
    );
    const text = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n');
    assert.match(text, /\*\*256 CPU units = 0\.25 vCPU\*\*/);
    assert.match(text, /Fargate memory for this cpu \(MiB\): 512, 1024, 2048/);
  });

  it('treats a file as a task definition on request, and stops on request', async () => {
    // Neither its name nor its content make this file a task definition.
    const editor = await openNewFile('notes/sizes.json', '{ "family": "x", "cpu": 256 }\n');
    const uri = editor.document.uri;
    await vscode.commands.executeCommand('ecsWorkbench.treatAsTaskDefinition');
    await until('diagnostics once the file is opted in', () =>
      ecsDiagnostics(uri).some((d) => codeOf(d) === 'ECS109'),
    );
    await vscode.commands.executeCommand('ecsWorkbench.stopTreatingAsTaskDefinition');
    await until('no diagnostics once the file is opted out', () => ecsDiagnostics(uri).length === 0);
  });
});
