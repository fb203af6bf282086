/** Keeps the parsed model of each open document version so features never parse twice. */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type TextEncoding, detectEncoding } from './service/core/encoding';
import type { EcsDocument } from './service/core/ecsDocument';
import type { LanguageService } from './service/languageService';

export class DocumentCache {
  private readonly entries = new Map<string, { version: number; doc: EcsDocument }>();

  constructor(private readonly service: LanguageService) {}

  get(textDocument: TextDocument): EcsDocument {
    const hit = this.entries.get(textDocument.uri);
    if (hit && hit.version === textDocument.version && hit.doc.textDocument === textDocument) return hit.doc;
    const doc = this.service.parse(textDocument, this.encodingOf(textDocument.uri));
    this.entries.set(textDocument.uri, { version: textDocument.version, doc });
    return doc;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /**
   * VS Code decodes UTF-16 files before the server sees them; the bytes on disk say what the CLI will
   * say (ECS003), so both agree. Read per parsed version (four bytes; "Save with Encoding" changes
   * them). Untitled documents and unreadable files have no bytes to read.
   */
  private encodingOf(uri: string): TextEncoding | undefined {
    let encoding: TextEncoding | undefined;
    if (uri.startsWith('file:')) {
      try {
        const fd = fs.openSync(fileURLToPath(uri), 'r');
        try {
          const head = Buffer.alloc(4);
          const n = fs.readSync(fd, head, 0, 4, 0);
          encoding = detectEncoding(head.subarray(0, n));
        } finally {
          fs.closeSync(fd);
        }
      } catch {
        encoding = undefined;
      }
    }
    return encoding;
  }

  /** Settings that change detection or rules invalidate every parsed model. */
  clear(): void {
    this.entries.clear();
  }
}
