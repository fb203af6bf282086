/**
 * Read-only JSON documents of the explorer, under the `ecs-workbench` scheme: task definition
 * revisions (as registrable JSON, fetched through the gateway and cached forever) and snapshots
 * of any node ("View as JSON"). Their names end in `.json`, so the language server's
 * `{ language: 'json' }` selector validates them like files on disk.
 */
import * as vscode from 'vscode';
import { READ_ONLY_TASK_DEFINITION_FIELDS } from '../aws/deploy/normalize';
import type { Connection, EcsGateway, TaskDefinitionRef } from '../aws/gateway';

export const SCHEME = 'ecs-workbench';

/** The registrable JSON of a described revision, two-space indented. */
export function registrableJson(document: Record<string, unknown>): string {
  const copy: Record<string, unknown> = { ...document };
  // Read-only fields are left out so a revision reads like a file that could be registered.
  for (const key of READ_ONLY_TASK_DEFINITION_FIELDS) delete copy[key];
  return `${JSON.stringify(copy, null, 2)}\n`;
}

export class ExplorerDocuments implements vscode.TextDocumentContentProvider {
  private readonly snapshots = new Map<string, string>();
  private next = 0;

  constructor(private readonly gateway: EcsGateway) {}

  revisionUri(c: Connection, ref: TaskDefinitionRef): vscode.Uri {
    return vscode.Uri.from({
      scheme: SCHEME,
      path: `/revision/${c.region}/${ref.family}-${ref.revision}.task-definition.json`,
      query: JSON.stringify({ c, arn: ref.arn }),
    });
  }

  /** A new read-only document holding `value` as JSON. */
  snapshotUri(name: string, value: unknown): vscode.Uri {
    const id = String(++this.next);
    this.snapshots.set(id, `${JSON.stringify(value, null, 2)}\n`);
    // Bounded: old snapshots go once 200 have been opened.
    if (this.snapshots.size > 200) this.snapshots.delete(this.snapshots.keys().next().value ?? '');
    const safe = name.replace(/[^\w.-]+/g, '-').slice(0, 100) || 'item';
    return vscode.Uri.from({ scheme: SCHEME, path: `/json/${safe}.json`, query: id });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    if (uri.path.startsWith('/json/')) {
      return (
        this.snapshots.get(uri.query) ??
        '// This snapshot is no longer available: open it again from the explorer.\n'
      );
    }
    let query: { c?: Connection; arn?: string };
    try {
      query = JSON.parse(uri.query) as { c?: Connection; arn?: string };
    } catch {
      return '// Not an ECS Workbench document address.\n';
    }
    if (!query.c || !query.arn) return '// Not an ECS Workbench document address.\n';
    const r = await this.gateway.describeTaskDefinition(query.c, query.arn);
    if (!r.ok) return `// ${r.error.message}\n// ${r.error.detail}\n`;
    return registrableJson(r.value.document);
  }
}
