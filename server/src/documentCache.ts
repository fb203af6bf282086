/**
 * Keeps the parsed model of open documents so features never parse a version twice — for the
 * most recently used documents only (see `DocumentStore`); the others are parsed again on demand.
 * Every parse goes through the document limits (size, nesting), so no text reaches a parser that
 * could overflow its stack.
 */
import { parseWithinLimits } from './documentLimits';
import { DocumentStore } from './documentStore';
import type { LanguageService } from './service/languageService';

export class DocumentCache extends DocumentStore {
  constructor(service: LanguageService, capacity?: number) {
    super((textDocument) => parseWithinLimits(service, textDocument), capacity);
  }
}
