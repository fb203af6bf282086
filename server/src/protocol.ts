/**
 * Custom messages between the extension client and the language server, declared once here and
 * imported by both sides (the client imports only types and method names, never server code).
 */

/** Settings section read by the server through `workspace/configuration`. */
export const SETTINGS_SECTION = 'ecsWorkbench';

/** Shape of the `ecsWorkbench` settings section as the server consumes it. */
export interface ServerSettings {
  readonly taskDefinition?: { readonly filePatterns?: readonly string[] };
  readonly serviceDefinition?: { readonly filePatterns?: readonly string[] };
  readonly copilot?: { readonly filePatterns?: readonly string[] };
  readonly files?: { readonly exclude?: readonly string[]; readonly detectByContent?: boolean };
  readonly rules?: Readonly<Record<string, 'error' | 'warning' | 'info' | 'hint' | 'off'>>;
  /** At most this many diagnostics are published per document (the last one counts the rest). */
  readonly maxDiagnostics?: number;
  /** Fields a deploy pipeline fills in (`["image"]`): not reported as missing. */
  readonly pipelineFilledFields?: readonly string[];
}

/** Initialization options the client passes when it starts the server. */
export interface InitializationOptions {
  /** URIs the user opted in or out of explicitly (workspace state). */
  readonly optIn?: readonly string[];
  readonly optOut?: readonly string[];
  /**
   * True when the editor's own JSON support already reports syntax errors in `json` documents; the
   * server then leaves ECS001 out there, so one mistake is not listed twice. The CLI keeps it.
   */
  readonly editorReportsJsonSyntax?: boolean;
}

/** Client → server: the user's explicit opt-in/opt-out list changed. */
export const DocumentSelectionChanged = {
  method: 'ecsWorkbench/documentSelectionChanged',
} as const;
export interface DocumentSelectionChangedParams {
  readonly optIn: readonly string[];
  readonly optOut: readonly string[];
}

/** Client → server: which ECS kind the server assigned to a document (for context keys, CodeLens). */
export const DocumentKindRequest = { method: 'ecsWorkbench/documentKind' } as const;
export interface DocumentKindParams {
  readonly uri: string;
}
export type DocumentKindResult = string | null;
