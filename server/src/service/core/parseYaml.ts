/**
 * Parsing YAML (Copilot manifests) with the `yaml` package: one parse per document version, nodes
 * keep their source ranges (`node.range = [start, valueEnd, end]`, offsets into the text) and the
 * document's `TextDocument` turns offsets into positions. Go-template expressions of templated
 * manifests are masked first (see templates.ts), so they are neither syntax errors nor known values.
 */
import { type Document, parseDocument } from 'yaml';
import { type JsonSyntaxError, MAX_NESTING_DEPTH, nestingMessage } from './parse';
import { type TextSpan, maskYamlTemplates } from './templates';
import { duplicateKeyErrors } from './yamlDuplicateKeys';
import { yamlExcessiveNesting } from './yamlNesting';

export interface ParsedYaml {
  /** The parsed document; `document.contents` is the root node (a map for a manifest). */
  readonly document: Document.Parsed;
  readonly syntaxErrors: readonly JsonSyntaxError[];
  readonly templateSpans: readonly TextSpan[];
  /** True when the text was not parsed (nested too deep): its one syntax error says why. */
  readonly unparsed?: boolean;
}

/** Parses one YAML document, keeping every error with its offset. Never throws. */
export function parseYaml(source: string): ParsedYaml {
  const { text, spans } = maskYamlTemplates(source);
  // The yaml parser recurses per level: refuse absurd nesting before it overflows the stack.
  const deep = yamlExcessiveNesting(text, MAX_NESTING_DEPTH);
  if (deep >= 0) {
    return {
      document: parseDocument(''),
      syntaxErrors: [{ message: nestingMessage('YAML'), offset: deep, length: 1 }],
      templateSpans: spans,
      unparsed: true,
    };
  }
  // Duplicate keys are found in one pass below: the package's own check is quadratic in a map's size.
  const document = parseDocument(text, { prettyErrors: false, uniqueKeys: false, strict: false });
  const syntaxErrors: JsonSyntaxError[] = [];
  const seen = new Set<number>();
  const errors = [...document.errors.map((e) => ({ pos: e.pos, message: e.message }))];
  for (const d of duplicateKeyErrors(document))
    errors.push({ pos: [d.offset, d.offset + 1], message: d.message });
  errors.sort((a, b) => a.pos[0] - b.pos[0]);
  for (const e of errors) {
    const [start, end] = e.pos;
    if (seen.has(start)) continue;
    seen.add(start);
    const offset = Math.min(start, text.length);
    const length = Math.max(1, Math.min(end, text.length) - offset);
    syntaxErrors.push({ message: firstLine(e.message), offset, length });
  }
  return { document, syntaxErrors, templateSpans: spans };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
