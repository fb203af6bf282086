import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateAndCloseEditors, codeOf, ecsDiagnostics, openNewFile, until } from '../util';

async function completionLabels(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    uri,
    position,
  );
  return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
}

function positionAfter(document: vscode.TextDocument, text: string): vscode.Position {
  const offset = document.getText().indexOf(text);
  assert.ok(offset >= 0, `"${text}" is in the document`);
  return document.positionAt(offset + text.length);
}

const taskDefinition = (containerName: string): string =>
  JSON.stringify(
    {
      family: 'shop-web',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [
        { name: containerName, image: 'nginx:1.27', portMappings: [{ containerPort: 8080, name: 'http' }] },
      ],
    },
    null,
    2,
  ) + '\n';

const serviceDefinition = (launchType: string, containerName: string): string =>
  JSON.stringify(
    {
      serviceName: 'shop-web',
      taskDefinition: 'shop-web',
      desiredCount: 2,
      launchType,
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } },
      loadBalancers: [
        {
          targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/1',
          containerName,
          containerPort: 8080,
        },
      ],
    },
    null,
    2,
  ) + '\n';

describe('Service definitions and Copilot manifests', () => {
  activateAndCloseEditors();

  it('validates a Copilot manifest and completes its type and fields', async () => {
    const text = [
      'name: api',
      'type: Backend Service',
      'image:',
      '  build: Dockerfile',
      '  port: 8080',
      'cpu: 256',
      'memory: 4096',
      'storage:',
      '  ephemeral: 30',
      '',
    ].join('\n');
    const editor = await openNewFile('copilot/api/manifest.yml', text);
    const uri = editor.document.uri;
    const diagnostic = await until('the Fargate size diagnostic in the manifest', () =>
      ecsDiagnostics(uri).find((d) => codeOf(d) === 'ECS506'),
    );
    assert.deepEqual(
      [diagnostic.range.start.line, diagnostic.range.start.character, diagnostic.range.end.character],
      [6, 8, 12],
    );
    assert.match(diagnostic.message, /memory 4096 is not valid with cpu 256 on Fargate/);

    const types = await completionLabels(uri, positionAfter(editor.document, 'type: '));
    assert.ok(types.includes('Worker Service'), types.join(', '));
    const storage = await completionLabels(uri, new vscode.Position(8, 2));
    assert.ok(storage.includes('readonly_fs') && storage.includes('volumes'), storage.join(', '));
  });

  it('validates a service definition and completes container names from its task definition', async () => {
    await openNewFile('shop/shop-web-task-def.json', taskDefinition('web'));
    const editor = await openNewFile('shop/shop-web-service-def.json', serviceDefinition('FARGAT', ''));
    const uri = editor.document.uri;
    const diagnostic = await until('the launch type diagnostic', () =>
      ecsDiagnostics(uri).find((d) => codeOf(d) === 'ECS013'),
    );
    assert.match(diagnostic.message, /FARGATE/);
    const names = await until('container names from the task definition', async () => {
      const labels = await completionLabels(uri, positionAfter(editor.document, '"containerName": "'));
      return labels.includes('web') ? labels : undefined;
    });
    assert.deepEqual(names, ['web']);
  });

  it('reports a cross-file diagnostic when the task definition changes in the editor', async () => {
    const task = await openNewFile('cross/cart-task-def.json', taskDefinition('cart'));
    const service = await openNewFile('cross/cart-service-def.json', serviceDefinition('FARGATE', 'cart'));
    const serviceUri = service.document.uri;
    // The service definition is clean while the task definition has a "cart" container.
    await until('the service definition to be validated', () =>
      ecsDiagnostics(serviceUri).length === 0 ? true : undefined,
    );
    assert.deepEqual(ecsDiagnostics(serviceUri).map(codeOf), []);

    // Rename the container in the task definition (in the editor, not on disk).
    const taskDocument = task.document;
    const offset = taskDocument.getText().indexOf('"cart"');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      taskDocument.uri,
      new vscode.Range(taskDocument.positionAt(offset + 1), taskDocument.positionAt(offset + 5)),
      'basket',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));

    const diagnostic = await until('the load balancer container diagnostic', () =>
      ecsDiagnostics(serviceUri).find((d) => codeOf(d) === 'ECS141'),
    );
    assert.match(
      diagnostic.message,
      /Container "cart" is not in task definition cart-task-def\.json; its containers: basket/,
    );
    const line = service.document.lineAt(diagnostic.range.start.line).text;
    assert.equal(line.slice(diagnostic.range.start.character, diagnostic.range.end.character), '"cart"');
  });
});
