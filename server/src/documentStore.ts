/**
 * Parsed models of open documents, bounded: full trees only for the few documents being worked on
 * (least recently used first out), every other open document is parsed again on demand. A parsed
 * 3,000-line task definition is a few MB of nodes; keeping one for each of 50 open editors made the
 * server's heap grow with the number of tabs. What the server asks of every open document often
 * (its kind, for "which open documents are service definitions") is kept per version without the tree.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { EcsDocumentKind } from './service/core/documentKind';
import type { EcsDocument, PreviousVersion } from './service/core/ecsDocument';

/** Documents whose trees are kept: the editor's visible ones and a few recently switched from. */
export const DEFAULT_PARSED_DOCUMENTS = 8;

interface Entry {
  readonly textDocument: TextDocument;
  readonly version: number;
  /** The text this version had (the editor's TextDocument object is updated in place). */
  readonly text: string;
  readonly doc: EcsDocument;
}

export class DocumentStore {
  /** Parsed models by URI; Map order is recency (the first is the least recently used). */
  private readonly entries = new Map<string, Entry>();
  /** The kind of each document version seen, which outlives its tree. */
  private readonly kinds = new Map<
    string,
    { textDocument: TextDocument; version: number; kind: EcsDocumentKind | undefined }
  >();

  constructor(
    private readonly parse: (textDocument: TextDocument, previous?: PreviousVersion) => EcsDocument,
    readonly capacity: number = DEFAULT_PARSED_DOCUMENTS,
  ) {
    if (!(capacity >= 1)) throw new RangeError(`capacity must be at least 1, not ${capacity}`);
  }

  /** The parsed model of this version of the document: kept, or parsed now (and kept). */
  get(textDocument: TextDocument): EcsDocument {
    const uri = textDocument.uri;
    const hit = this.entries.get(uri);
    if (hit && hit.version === textDocument.version && hit.textDocument === textDocument) {
      // Most recently used goes last.
      this.entries.delete(uri);
      this.entries.set(uri, hit);
      return hit.doc;
    }
    // The version being replaced lends its tree to this parse (which consumes it: it is dropped here).
    const previous = hit ? { text: hit.text, doc: hit.doc } : undefined;
    this.entries.delete(uri);
    const text = textDocument.getText();
    const doc = this.parse(textDocument, previous);
    this.entries.set(uri, { textDocument, version: textDocument.version, text, doc });
    this.kinds.set(uri, { textDocument, version: textDocument.version, kind: doc.kind });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return doc;
  }

  /** The document's kind (`undefined`: not an ECS document), without parsing a version already seen. */
  kindOf(textDocument: TextDocument): EcsDocumentKind | undefined {
    const known = this.kinds.get(textDocument.uri);
    if (known && known.version === textDocument.version && known.textDocument === textDocument)
      return known.kind;
    return this.get(textDocument).kind;
  }

  /** True when the tree of `uri` is kept (for tests and benchmarks). */
  isParsed(uri: string): boolean {
    return this.entries.has(uri);
  }

  /** How many trees are kept. */
  get size(): number {
    return this.entries.size;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.kinds.delete(uri);
  }

  /** Settings that change detection or rules invalidate every parsed model. */
  clear(): void {
    this.entries.clear();
    this.kinds.clear();
  }
}
