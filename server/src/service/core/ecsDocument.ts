/**
 * The parsed model of one document version, built once and passed to every feature. JSON documents
 * (task and service definitions) carry the jsonc-parser tree; Copilot manifests carry the YAML
 * document as well (`kind: 'copilotManifest'`), and an empty JSON model so JSON-only features simply
 * find nothing in them.
 *
 * `core/` is the machinery every kind of document shares, and this file is its entry: parsing JSON,
 * JSONC, YAML and Jsonnet into one tree model (parse, fastJson, parseYaml, parseJsonnet, documentKind,
 * glob), reading that tree (properties, jsonNodes), the model checker over the generated ECS model
 * (modelCheck, schema/), templates and placeholders, diagnostics (diagnostic, diagnosticSink,
 * diagnosticData, suggest) and the member-key completion JSON kinds share (keyCompletion). Nothing
 * here knows a task definition from a service definition; the kind folders build on it.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  type DetectionSettings,
  type EcsDocumentKind,
  detectDocumentKind,
  detectYamlDocumentKind,
  isJsonnetPath,
  isYamlPath,
} from './documentKind';
import { type DocumentConsumer, detectConsumer } from './consumer';
import { type TextEncoding, encodingFromText } from './encoding';
import { type ParsedJson, parseJson } from './parse';
import { parseJsonnet } from './parseJsonnet';
import { type ParsedYaml, parseYaml } from './parseYaml';

/** A JSON document (task definition, service definition) or a JSON file that is not ours. */
export interface JsonEcsDocument {
  readonly textDocument: TextDocument;
  /** `undefined` when the document is not an ECS document: every feature then answers nothing. */
  readonly kind: Exclude<EcsDocumentKind, 'copilotManifest'> | undefined;
  readonly json: ParsedJson;
  /** True for ecspresso Jsonnet files, parsed leniently (their expressions are unknown values). */
  readonly jsonnet?: boolean;
  /** Who reads the file (core/consumer.ts): decides what `null` and `""` mean. */
  readonly consumer?: DocumentConsumer;
  /** The file's encoding when it is not plain UTF-8 (core/encoding.ts). */
  readonly encoding?: TextEncoding;
  readonly yaml?: undefined;
}

/** A Copilot manifest (YAML). */
export interface CopilotManifestDocument {
  readonly textDocument: TextDocument;
  readonly kind: 'copilotManifest';
  /** Always empty for a manifest: JSON features find nothing here. */
  readonly json: ParsedJson;
  readonly yaml: ParsedYaml;
}

export type EcsDocument = JsonEcsDocument | CopilotManifestDocument;

const EMPTY_JSON: ParsedJson = { root: undefined, syntaxErrors: [] };

/** Turns a URI into the path used for pattern matching (`file:///a/b.json` → `/a/b.json`). */
export function uriToPath(uri: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(\/.*)$/i.exec(uri);
  const path = match?.[1] ?? uri;
  // Nothing to cut or decode (the common case, checked for every document parsed).
  if (!path.includes('%') && !path.includes('?') && !path.includes('#')) return path;
  try {
    return decodeURIComponent(path.split(/[?#]/)[0] ?? path);
  } catch {
    return path;
  }
}

/** The document's last parsed version: its text then and its model, which the next parse consumes. */
export interface PreviousVersion {
  readonly text: string;
  readonly doc: EcsDocument;
}

/**
 * Parses a document. `encoding` is the encoding its bytes were found in, where the host read them (the
 * CLI, the server for files on disk); otherwise the decoded text tells what it can. With `previous`
 * (the server, on an edit), a JSON document is parsed again only where the edit changed it.
 */
export function parseEcsDocument(
  textDocument: TextDocument,
  settings: DetectionSettings,
  encoding?: TextEncoding,
  previous?: PreviousVersion,
): EcsDocument {
  const path = uriToPath(textDocument.uri);
  if (isYamlPath(path) || textDocument.languageId === 'yaml') {
    // YAML is ours only by path: parse it only then.
    if (detectYamlDocumentKind(path, settings) === 'copilotManifest') {
      return {
        textDocument,
        kind: 'copilotManifest',
        json: EMPTY_JSON,
        yaml: parseYaml(textDocument.getText()),
      };
    }
    return { textDocument, kind: undefined, json: EMPTY_JSON };
  }
  const text = textDocument.getText();
  const found = encoding && encoding !== 'utf-8' ? encoding : encodingFromText(text);
  const extra = {
    consumer: detectConsumer(path, text),
    ...(found !== 'utf-8' ? { encoding: found } : {}),
  };
  if (isJsonnetPath(path)) {
    const json = parseJsonnet(text);
    const kind = detectDocumentKind(path, json.root, settings);
    return kind === 'copilotManifest'
      ? { textDocument, kind: undefined, json }
      : { textDocument, kind, json, jsonnet: true, ...extra };
  }
  // Only a JSON parse of the same document can be taken over (not Jsonnet's, not YAML's).
  const old = previous?.doc;
  const before =
    previous && old && !old.yaml && !old.jsonnet ? { text: previous.text, json: old.json } : undefined;
  const json = parseJson(text, before);
  const kind = detectDocumentKind(path, json.root, settings);
  return { textDocument, kind: kind === 'copilotManifest' ? undefined : kind, json, ...extra };
}
