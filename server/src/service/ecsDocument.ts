/** The parsed model of one document version, built once and passed to every feature. */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type DetectionSettings, type EcsDocumentKind, detectDocumentKind } from './documentKind';
import { type ParsedJson, parseJson } from './parse';

export interface EcsDocument {
  readonly textDocument: TextDocument;
  /** `undefined` when the document is not an ECS document: every feature then answers nothing. */
  readonly kind: EcsDocumentKind | undefined;
  readonly json: ParsedJson;
}

/** Turns a URI into the path used for pattern matching (`file:///a/b.json` → `/a/b.json`). */
export function uriToPath(uri: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)$/i.exec(uri);
  const path = match?.[1] ?? uri;
  try {
    return decodeURIComponent(path.split(/[?#]/)[0] ?? path);
  } catch {
    return path;
  }
}

export function parseEcsDocument(textDocument: TextDocument, settings: DetectionSettings): EcsDocument {
  const json = parseJson(textDocument.getText());
  const kind = detectDocumentKind(uriToPath(textDocument.uri), json.root, settings);
  return { textDocument, kind, json };
}
