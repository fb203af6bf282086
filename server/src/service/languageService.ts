/**
 * The ECS language service: pure functions over a parsed document. No vscode, no LSP connection,
 * no I/O — the LSP server and the CLI linter are both thin shells around it.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { type RuleSeverity, applySeverityOverrides } from './diagnostic';
import { type DetectionSettings, defaultDetectionSettings } from './documentKind';
import { type EcsDocument, parseEcsDocument } from './ecsDocument';
import { validate } from './validate';

export interface LanguageServiceSettings {
  readonly detection: DetectionSettings;
  readonly severityOverrides: Readonly<Record<string, RuleSeverity>>;
}

export const defaultLanguageServiceSettings: LanguageServiceSettings = {
  detection: defaultDetectionSettings,
  severityOverrides: {},
};

export interface LanguageService {
  parse(textDocument: TextDocument): EcsDocument;
  validate(doc: EcsDocument): Diagnostic[];
}

export function createLanguageService(
  getSettings: () => LanguageServiceSettings = () => defaultLanguageServiceSettings,
): LanguageService {
  return {
    parse: (textDocument) => parseEcsDocument(textDocument, getSettings().detection),
    validate: (doc) => applySeverityOverrides(validate(doc), getSettings().severityOverrides),
  };
}
