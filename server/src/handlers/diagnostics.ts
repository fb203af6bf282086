/**
 * Publishes diagnostics, debounced per document so fast typing validates once per pause. A
 * failure inside a rule never takes the server down: it is logged and the document keeps its
 * syntax diagnostics.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentCache } from '../documentCache';
import { DEFAULT_MAX_DIAGNOSTICS, limitDiagnostics } from '../documentLimits';
import type { LanguageService } from '../service/languageService';

/** JSON syntax errors, which VS Code's JSON support reports in `json` documents too. */
const SYNTAX_ERROR_CODE = 'ECS001';
const DEBOUNCE_MS = 120;

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** URIs we published a non-empty list for, so a document that stops being ECS gets cleared. */
  private readonly published = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly cache: DocumentCache,
    private readonly service: LanguageService,
  ) {}

  schedule(document: TextDocument): void {
    const existing = this.timers.get(document.uri);
    if (existing) clearTimeout(existing);
    this.timers.set(
      document.uri,
      setTimeout(() => {
        this.timers.delete(document.uri);
        this.publish(document.uri);
      }, DEBOUNCE_MS),
    );
  }

  scheduleAll(): void {
    for (const document of this.documents.all()) this.schedule(document);
  }

  clear(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) clearTimeout(timer);
    this.timers.delete(uri);
    if (this.published.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** Set from the client's initialization options (see `InitializationOptions`). */
  editorReportsJsonSyntax = false;
  /** At most this many diagnostics per document (the `ecsWorkbench.maxDiagnostics` setting). */
  maxDiagnostics = DEFAULT_MAX_DIAGNOSTICS;

  private publish(uri: string): void {
    const textDocument = this.documents.get(uri);
    if (!textDocument) return;
    let diagnostics;
    try {
      diagnostics = this.service.validate(this.cache.get(textDocument));
      if (this.editorReportsJsonSyntax && textDocument.languageId === 'json') {
        diagnostics = diagnostics.filter((d) => d.code !== SYNTAX_ERROR_CODE);
      }
      diagnostics = limitDiagnostics(diagnostics, this.maxDiagnostics);
    } catch (error) {
      this.connection.console.error(
        `Validation failed for ${uri}: ${error instanceof Error ? error.stack : String(error)}`,
      );
      return;
    }
    if (diagnostics.length === 0 && !this.published.has(uri)) return;
    if (diagnostics.length > 0) this.published.add(uri);
    else this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, version: textDocument.version, diagnostics });
  }
}
