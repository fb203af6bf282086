/**
 * Composition root of the ECS language server: the connection, the open documents, settings and
 * the handlers. No language logic lives here; it is all in `service/`.
 */
import {
  type Connection,
  CodeActionKind,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  TextDocuments,
  createConnection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentCache } from './documentCache';
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
import { defaultDetectionSettings } from './service/documentKind';
import { uriToPath } from './service/ecsDocument';
import {
  type LanguageServiceSettings,
  createLanguageService,
  defaultLanguageServiceSettings,
} from './service/languageService';

const connection: Connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let settings: LanguageServiceSettings = defaultLanguageServiceSettings;
let selection: DocumentSelectionChangedParams = { optIn: [], optOut: [] };
let supportsConfigurationPull = false;

const service = createLanguageService(() => settings);
const cache = new DocumentCache(service);
const diagnostics = new DiagnosticsScheduler(connection, documents, cache, service);

function toServiceSettings(raw: ServerSettings | undefined): LanguageServiceSettings {
  const d = defaultDetectionSettings;
  return {
    detection: {
      taskDefinitionPatterns: raw?.taskDefinition?.filePatterns ?? d.taskDefinitionPatterns,
      exclude: raw?.files?.exclude ?? d.exclude,
      detectByContent: raw?.files?.detectByContent ?? d.detectByContent,
      optIn: selection.optIn.map(uriToPath),
      optOut: selection.optOut.map(uriToPath),
    },
    severityOverrides: raw?.rules ?? {},
    // Quick fixes that must write a Region use the one the user's AWS tools use.
    defaultRegion: process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION,
  };
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
  cache.clear();
  diagnostics.scheduleAll();
}

connection.onInitialize((params) => {
  supportsConfigurationPull = params.capabilities.workspace?.configuration === true;
  const init = (params.initializationOptions ?? {}) as InitializationOptions;
  selection = { optIn: init.optIn ?? [], optOut: init.optOut ?? [] };
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
});

connection.onDidChangeConfiguration(() => void reloadSettings());

connection.onNotification(DocumentSelectionChanged.method, (params: DocumentSelectionChangedParams) => {
  selection = params;
  void reloadSettings();
});

connection.onRequest(DocumentKindRequest.method, (params: DocumentKindParams): DocumentKindResult => {
  const textDocument = documents.get(params.uri);
  return textDocument ? (cache.get(textDocument).kind ?? null) : null;
});

registerLanguageFeatures(connection, documents, cache, service);

documents.onDidChangeContent((e) => diagnostics.schedule(e.document));
documents.onDidClose((e) => {
  cache.delete(e.document.uri);
  diagnostics.clear(e.document.uri);
});

documents.listen(connection);
connection.listen();
