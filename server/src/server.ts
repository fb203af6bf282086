/**
 * Composition root of the ECS language server: the connection, the open documents, settings and
 * the handlers. No language logic lives here; it is all in `service/`.
 */
import {
  type Connection,
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  Message,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from './documentCache';
import { DEFAULT_MAX_DIAGNOSTICS } from './documentLimits';
import { DiagnosticsScheduler } from './handlers/diagnostics';
import { registerLanguageFeatures } from './handlers/languageFeatures';
import {
  DocumentKindRequest,
  type DocumentKindParams,
  type DocumentKindResult,
  DocumentSelectionChanged,
  type DocumentSelectionChangedParams,
  type InitializationOptions,
  SETTINGS_SECTION,
  type ServerSettings,
} from './protocol';
import { defaultDetectionSettings } from './service/core/documentKind';
import { uriToPath } from './service/core/ecsDocument';
import {
  type LanguageServiceSettings,
  createLanguageService,
  defaultLanguageServiceSettings,
} from './service/languageService';
import { WorkspaceTaskDefinitions } from './workspaceTaskDefinitions';

// A request the editor cancelled while it waited behind other work is answered "cancelled" at once,
// not computed (with one thread, a queue of stale completions is what makes the editor lag).
const connection: Connection = createConnection(ProposedFeatures.all, {
  cancelUndispatched: (message) =>
    Message.isRequest(message)
      ? {
          jsonrpc: '2.0',
          id: message.id,
          error: { code: LSPErrorCodes.RequestCancelled, message: 'Request cancelled' },
        }
      : undefined,
});
const documents = new TextDocuments(TextDocument);

let settings: LanguageServiceSettings = defaultLanguageServiceSettings;
let selection: DocumentSelectionChangedParams = { optIn: [], optOut: [] };
let supportsConfigurationPull = false;

// Service definitions are checked against the workspace's task definitions (read from disk, kept
// current from open editors and file events).
const workspaceTasks = new WorkspaceTaskDefinitions(
  (textDocument) => service.parse(textDocument),
  (m) => connection.console.warn(m),
);
let workspaceFolders: string[] = [];
let supportsWatchedFiles = false;
const service = createLanguageService(() => settings, { taskDefinitions: () => workspaceTasks.index() });
const cache = new DocumentCache(service);
const diagnostics = new DiagnosticsScheduler(connection, documents, cache, service);

/**
 * Runs work that parses or checks documents outside a request (timers, notifications). A failure is
 * logged, never thrown: an exception in a timer would end the process, and the document that caused
 * it stays open, so every restart would crash again.
 */
function guarded(what: string, work: () => void): void {
  try {
    work();
  } catch (error) {
    connection.console.error(`${what} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}

/** A task definition changed: the open service definitions are checked again. */
function revalidateServiceDefinitions(except?: string): void {
  for (const document of documents.all()) {
    guarded(`Checking ${document.uri}`, () => {
      if (document.uri !== except && cache.kindOf(document) === 'serviceDefinition')
        diagnostics.schedule(document);
    });
  }
}

function toServiceSettings(raw: ServerSettings | undefined): LanguageServiceSettings {
  const d = defaultDetectionSettings;
  return {
    detection: {
      taskDefinitionPatterns: raw?.taskDefinition?.filePatterns ?? d.taskDefinitionPatterns,
      serviceDefinitionPatterns: raw?.serviceDefinition?.filePatterns ?? d.serviceDefinitionPatterns,
      copilotManifestPatterns: raw?.copilot?.filePatterns ?? d.copilotManifestPatterns,
      exclude: raw?.files?.exclude ?? d.exclude,
      detectByContent: raw?.files?.detectByContent ?? d.detectByContent,
      optIn: selection.optIn.map(uriToPath),
      optOut: selection.optOut.map(uriToPath),
    },
    severityOverrides: raw?.rules ?? {},
    ...(raw?.pipelineFilledFields ? { pipelineFilledFields: raw.pipelineFilledFields } : {}),
    // Quick fixes that must write a Region use the one the user's AWS tools use.
    defaultRegion: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION,
  };
}

function toMaxDiagnostics(raw: unknown): number {
  return typeof raw === 'number' && Number.isFinite(raw) && raw >= 1
    ? Math.floor(raw)
    : DEFAULT_MAX_DIAGNOSTICS;
}

async function reloadSettings(): Promise<void> {
  let raw: ServerSettings | undefined;
  if (supportsConfigurationPull) {
    try {
      raw = (await connection.workspace.getConfiguration(SETTINGS_SECTION)) as ServerSettings | undefined;
    } catch (error) {
      connection.console.warn(`Could not read settings, using defaults: ${String(error)}`);
    }
  }
  settings = toServiceSettings(raw);
  diagnostics.maxDiagnostics = toMaxDiagnostics(raw?.maxDiagnostics);
  cache.clear();
  diagnostics.scheduleAll();
}

connection.onInitialize((params) => {
  supportsConfigurationPull = params.capabilities.workspace?.configuration === true;
  supportsWatchedFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  workspaceFolders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const init = (params.initializationOptions ?? {}) as InitializationOptions;
  selection = { optIn: init.optIn ?? [], optOut: init.optOut ?? [] };
  diagnostics.editorReportsJsonSyntax = init.editorReportsJsonSyntax === true;
  settings = toServiceSettings(undefined);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['"', ':'] },
      hoverProvider: true,
      documentSymbolProvider: { label: 'ECS' },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    },
    serverInfo: { name: 'ECS Workbench language server' },
  };
});

connection.onInitialized(() => {
  if (supportsConfigurationPull) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: SETTINGS_SECTION });
  }
  void reloadSettings();
  if (supportsWatchedFiles) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*.{json,jsonnet}' }, { globPattern: '**/*ecspresso.{yml,yaml}' }],
    });
  }
  void workspaceTasks.scan(workspaceFolders).then(() => revalidateServiceDefinitions());
});

connection.onDidChangeWatchedFiles(async (params) => {
  let changed = false;
  for (const change of params.changes) {
    if (change.type === FileChangeType.Deleted) changed = workspaceTasks.deleteFile(change.uri) || changed;
    else changed = (await workspaceTasks.readFile(change.uri)) || changed;
  }
  if (changed) revalidateServiceDefinitions();
});

connection.onDidChangeConfiguration(() => void reloadSettings());

connection.onNotification(DocumentSelectionChanged.method, (params: DocumentSelectionChangedParams) => {
  selection = params;
  void reloadSettings();
});

connection.onRequest(DocumentKindRequest.method, (params: DocumentKindParams): DocumentKindResult => {
  const textDocument = documents.get(params.uri);
  let kind: DocumentKindResult = null;
  if (textDocument)
    guarded(`Detecting the kind of ${params.uri}`, () => (kind = cache.kindOf(textDocument) ?? null));
  return kind;
});

registerLanguageFeatures(connection, documents, cache, service);

// Open task definitions update the workspace index once typing pauses (like diagnostics).
const indexTimers = new Map<string, NodeJS.Timeout>();
documents.onDidChangeContent((e) => {
  diagnostics.schedule(e.document);
  const uri = e.document.uri;
  clearTimeout(indexTimers.get(uri));
  indexTimers.set(
    uri,
    setTimeout(() => {
      indexTimers.delete(uri);
      const current = documents.get(uri);
      guarded(`Indexing ${uri}`, () => {
        if (current && workspaceTasks.setOpenDocument(cache.get(current))) revalidateServiceDefinitions(uri);
      });
    }, 150),
  );
});
/**
 * After documents close, memory goes back to the system: V8 collects only under allocation pressure,
 * so an idle server would keep the heap of a closed 10 MB document indefinitely. The client starts
 * the server with --expose-gc; one full collection a second after the last close returns it.
 */
let collectTimer: NodeJS.Timeout | undefined;
function collectSoon(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return;
  clearTimeout(collectTimer);
  collectTimer = setTimeout(gc, 1000);
  collectTimer.unref();
}

documents.onDidClose((e) => {
  collectSoon();
  clearTimeout(indexTimers.get(e.document.uri));
  indexTimers.delete(e.document.uri);
  if (workspaceTasks.closeDocument(e.document.uri)) revalidateServiceDefinitions(e.document.uri);
  cache.delete(e.document.uri);
  diagnostics.clear(e.document.uri);
});

documents.listen(connection);
connection.listen();
