/** Keeps the parsed model of each open document version so features never parse twice. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseWithinLimits } from './documentLimits';
import type { EcsDocument } from './service/core/ecsDocument';
import type { LanguageService } from './service/languageService';

export class DocumentCache {
  private readonly entries = new Map<string, { version: number; doc: EcsDocument }>();

  constructor(private readonly service: LanguageService) {}

  get(textDocument: TextDocument): EcsDocument {
    const hit = this.entries.get(textDocument.uri);
    if (hit && hit.version === textDocument.version && hit.doc.textDocument === textDocument) return hit.doc;
    const doc = parseWithinLimits(this.service, textDocument);
    this.entries.set(textDocument.uri, { version: textDocument.version, doc });
    return doc;
  }

  /** Number of parsed models held (one per open document at most). */
  get size(): number {
    return this.entries.size;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** Settings that change detection or rules invalidate every parsed model. */
  clear(): void {
    this.entries.clear();
  }
}
