/**
 * Keeps the parsed model of open documents so features never parse a version twice — for the
 * most recently used documents only (see `DocumentStore`); the others are parsed again on demand.
 * Every parse goes through the document limits (size, nesting), so no text reaches a parser that
 * could overflow its stack.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseWithinLimits } from './documentLimits';
import { DocumentStore } from './documentStore';
import { type TextEncoding, detectEncoding } from './service/core/encoding';
import type { LanguageService } from './service/languageService';

/**
 * VS Code decodes UTF-16 files before the server sees them; the bytes on disk say what the CLI will
 * say (ECS003), so both agree. Read per parsed version (four bytes; "Save with Encoding" changes
 * them). Untitled documents, unreadable files and anything but a regular file (a FIFO would block)
 * have no bytes to read.
 */
function encodingOf(uri: string): TextEncoding | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    const fd = fs.openSync(fileURLToPath(uri), fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      if (!fs.fstatSync(fd).isFile()) return undefined;
      const head = Buffer.alloc(4);
      const n = fs.readSync(fd, head, 0, 4, 0);
      return detectEncoding(head.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

export class DocumentCache extends DocumentStore {
  constructor(service: LanguageService, capacity?: number) {
    super(
      (textDocument, previous) =>
        parseWithinLimits(service, textDocument, encodingOf(textDocument.uri), previous),
      capacity,
    );
  }
}
