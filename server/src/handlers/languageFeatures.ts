/**
 * Thin LSP adapters for the editor features: find the document, get its parsed model from the
 * cache, call the language service, return its answer. A failure inside a feature is logged and
 * answered with "nothing" so one bad document never breaks the editor.
 */
import {
  type Connection,
  LSPErrorCodes,
  ResponseError,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentCache } from '../documentCache';
import type { EcsDocument } from '../service/core/ecsDocument';
import type { LanguageService } from '../service/languageService';

export function registerLanguageFeatures(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  cache: DocumentCache,
  service: LanguageService,
): void {
  /** Runs `feature` on the parsed document of `uri`, or returns `empty`. */
  function withDocument<T>(uri: string, empty: T, what: string, feature: (doc: EcsDocument) => T): T {
    const textDocument = documents.get(uri);
    if (!textDocument) return empty;
    try {
      const doc = cache.get(textDocument);
      return doc.kind ? feature(doc) : empty;
    } catch (error) {
      connection.console.error(
        `${what} failed for ${uri}: ${error instanceof Error ? error.stack : String(error)}`,
      );
      return empty;
    }
  }

  connection.onCompletion((p) =>
    withDocument(p.textDocument.uri, null, 'Completion', (doc) => service.doComplete(doc, p.position)),
  );
  connection.onHover((p) =>
    withDocument(p.textDocument.uri, null, 'Hover', (doc) => service.doHover(doc, p.position)),
  );
  connection.onDocumentSymbol((p) =>
    withDocument(p.textDocument.uri, [], 'Outline', (doc) => service.findDocumentSymbols(doc)),
  );
  connection.onDefinition((p) =>
    withDocument(p.textDocument.uri, [], 'Go to definition', (doc) =>
      service.findDefinition(doc, p.position),
    ),
  );
  connection.onReferences((p) =>
    withDocument(p.textDocument.uri, [], 'Find references', (doc) =>
      service.findReferences(doc, p.position, p.context.includeDeclaration),
    ),
  );
  connection.onPrepareRename((p) =>
    withDocument(
      p.textDocument.uri,
      null,
      'Prepare rename',
      (doc) => service.prepareRename(doc, p.position) ?? null,
    ),
  );
  connection.onRenameRequest((p) => {
    const result = withDocument(p.textDocument.uri, undefined, 'Rename', (doc) =>
      service.doRename(doc, p.position, p.newName),
    );
    if (result && 'error' in result) return new ResponseError(LSPErrorCodes.RequestFailed, result.error);
    return result?.edit ?? null;
  });
  connection.onCodeAction((p) =>
    withDocument(p.textDocument.uri, [], 'Quick fixes', (doc) =>
      service.getCodeActions(doc, p.context.diagnostics),
    ),
  );
}
