/**
 * The task definitions of the workspace, for service-definition checks across files. Files are read
 * from the workspace folders once (bounded: size, count, no dependency or build folders), then kept
 * current from file-change notifications; an open editor's text wins over the file on disk. ecspresso
 * configurations (`ecspresso.yml`, `*.ecspresso.yml`) pair a service definition with its task
 * definition (`service_definition` / `task_definition`). The language service sees only the index.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse as parseYamlValue } from 'yaml';
import type { EcsDocument } from './service/core/ecsDocument';
import {
  type TaskDefinitionIndex,
  type TaskDefinitionSummary,
  createTaskDefinitionIndex,
  summarizeTaskDefinition,
} from './service/serviceDefinition/taskDefinitionIndex';

const SKIPPED_FOLDERS = new Set([
  'node_modules',
  '.git',
  'dist',
  'out',
  'build',
  '.terraform',
  'cdk.out',
  'vendor',
  '.venv',
]);
const MAX_FILES = 20_000;
const MAX_FILE_BYTES = 2 * 1024 * 1024;
const ECSPRESSO_CONFIG = /(^|[./-])ecspresso\.(ya?ml|json|jsonnet)$/i;

/** True for file names worth reading: JSON/Jsonnet definitions and ecspresso configurations. */
export function isCandidateFile(fileName: string): boolean {
  return /\.(json|jsonnet)$/i.test(fileName) || ECSPRESSO_CONFIG.test(fileName);
}

function toUri(file: string): string {
  return pathToFileURL(file).toString();
}

/** Reads `service_definition` / `task_definition` of an ecspresso configuration (YAML or JSON). */
export function ecspressoPair(
  configUri: string,
  text: string,
): { service: string; task: string } | undefined {
  let value: unknown;
  try {
    value = parseYamlValue(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const config = value as Record<string, unknown>;
  const service = config.service_definition;
  const task = config.task_definition;
  if (
    typeof service !== 'string' ||
    typeof task !== 'string' ||
    service.includes('{{') ||
    task.includes('{{')
  ) {
    return undefined;
  }
  const base = new URL('.', configUri);
  return { service: new URL(service, base).toString(), task: new URL(task, base).toString() };
}

export class WorkspaceTaskDefinitions {
  /** Summaries of task definition files on disk, by URI. */
  private readonly onDisk = new Map<string, TaskDefinitionSummary>();
  /** Summaries of open task definition documents, by URI (they win over the file). */
  private readonly open = new Map<string, TaskDefinitionSummary>();
  /** ecspresso pairs by configuration URI. */
  private readonly configs = new Map<string, { service: string; task: string }>();
  private cached: TaskDefinitionIndex | undefined;

  constructor(
    private readonly parse: (textDocument: TextDocument) => EcsDocument,
    private readonly log: (message: string) => void,
  ) {}

  /** The current index (rebuilt only after a change). */
  index(): TaskDefinitionIndex {
    if (!this.cached) {
      const byUri = new Map(this.onDisk);
      for (const [uri, s] of this.open) byUri.set(uri, s);
      const pairs = new Map<string, string>();
      for (const p of this.configs.values()) pairs.set(p.service, p.task);
      this.cached = createTaskDefinitionIndex([...byUri.values()], pairs);
    }
    return this.cached;
  }

  /** Reads every candidate file under the folders. Errors are logged and skipped, never thrown. */
  async scan(folderUris: readonly string[]): Promise<void> {
    let budget = MAX_FILES;
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        if (budget <= 0) return;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) await walk(full);
        } else if (entry.isFile() && isCandidateFile(entry.name)) {
          budget--;
          await this.readFile(toUri(full));
        }
      }
    };
    for (const folder of folderUris) {
      if (!folder.startsWith('file:')) continue;
      await walk(fileURLToPath(folder));
    }
    if (budget <= 0) this.log(`Stopped reading the workspace for task definitions after ${MAX_FILES} files.`);
    this.cached = undefined;
  }

  /**
   * (Re)reads one file after a change on disk. Returns true when the set of task definitions or
   * pairs changed (the caller then re-validates the open service definitions).
   */
  async readFile(uri: string): Promise<boolean> {
    let text: string | undefined;
    try {
      const file = fileURLToPath(uri);
      const stat = await fs.stat(file);
      // A FIFO or device named like a task definition would block the read (or never end): files only.
      if (stat.isFile() && stat.size <= MAX_FILE_BYTES) text = await fs.readFile(file, 'utf8');
    } catch {
      text = undefined;
    }
    return this.update(uri, text, this.onDisk);
  }

  /** The file was deleted. */
  deleteFile(uri: string): boolean {
    const had = this.onDisk.delete(uri) || this.configs.delete(uri);
    if (had) this.cached = undefined;
    return had;
  }

  /** An open document changed (or opened): its parsed model wins over the file. */
  setOpenDocument(doc: EcsDocument): boolean {
    const uri = doc.textDocument.uri;
    const summary = summarizeTaskDefinition(doc);
    const before = this.open.get(uri);
    if (!summary && !before) return false;
    if (summary) this.open.set(uri, summary);
    else this.open.delete(uri);
    const changed = JSON.stringify(before) !== JSON.stringify(summary);
    if (changed) this.cached = undefined;
    return changed;
  }

  /** An open document closed: the file on disk counts again. */
  closeDocument(uri: string): boolean {
    const had = this.open.delete(uri);
    if (had) this.cached = undefined;
    return had;
  }

  private update(uri: string, text: string | undefined, target: Map<string, TaskDefinitionSummary>): boolean {
    const name = uri.slice(uri.lastIndexOf('/') + 1);
    if (ECSPRESSO_CONFIG.test(decodeURIComponent(name))) {
      const pair = text === undefined ? undefined : ecspressoPair(uri, text);
      const before = JSON.stringify(this.configs.get(uri));
      if (pair) this.configs.set(uri, pair);
      else this.configs.delete(uri);
      const changed = before !== JSON.stringify(pair);
      if (changed) this.cached = undefined;
      return changed;
    }
    let summary: TaskDefinitionSummary | undefined;
    // Cheap test first: most JSON files of a workspace are not task definitions.
    if (text !== undefined && (text.includes('containerDefinitions') || /task[-_]?def/i.test(name))) {
      try {
        const doc = this.parse(TextDocument.create(uri, 'json', 0, text));
        summary = summarizeTaskDefinition(doc);
      } catch (error) {
        this.log(`Could not read ${uri} as a task definition: ${String(error)}`);
      }
    }
    const before = target.get(uri);
    if (!summary && !before) return false;
    if (summary) target.set(uri, summary);
    else target.delete(uri);
    const changed = JSON.stringify(before) !== JSON.stringify(summary);
    if (changed) this.cached = undefined;
    return changed;
  }
}
