/**
 * Parsing: text → a document model with offsets, done once per document version and passed to
 * every feature (validation, completion, hover, symbols), as vscode-json-languageservice does.
 */
import { type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { fastParseTree } from './fastJson';
import { recoveringParseTree } from './recoveringJson';
import { type Reuse, planReuse } from './treeReuse';
import { type TextSpan, maskBarePlaceholders, maskJsonTemplates } from './templates';

export interface JsonSyntaxError {
  readonly message: string;
  readonly offset: number;
  readonly length: number;
}

export interface ParsedJson {
  readonly root: Node | undefined;
  readonly syntaxErrors: readonly JsonSyntaxError[];
  /**
   * Go-template expressions (`{{ must_env `X` }}`) masked before parsing: not syntax errors, and a
   * value overlapping one is unknown (see templates.ts `overlapsTemplate`).
   */
  readonly templateSpans?: readonly TextSpan[];
  /** True when the text was not parsed (nested too deep): its one syntax error says why. */
  readonly unparsed?: boolean;
  /** Findings of the parser itself that are not syntax errors (Jsonnet `} {`: ECS006). */
  readonly warnings?: readonly { code: string; offset: number; length: number; message: string }[];
}

const messages: Record<string, string> = {
  InvalidSymbol: 'Invalid symbol: expected a JSON value',
  InvalidNumberFormat: 'Invalid number format',
  PropertyNameExpected: 'Property name expected (JSON property names are double-quoted strings)',
  ValueExpected: 'Value expected',
  ColonExpected: 'Colon expected',
  CommaExpected: 'Comma expected',
  CloseBraceExpected: 'Closing brace `}` expected',
  CloseBracketExpected: 'Closing bracket `]` expected',
  EndOfFileExpected: 'End of file expected: a JSON document holds a single value',
  InvalidCommentToken: 'Comments are not allowed: the ECS API and the AWS CLI read strict JSON',
  UnexpectedEndOfComment: 'Unterminated comment',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Unexpected end of number',
  InvalidUnicode: 'Invalid unicode escape sequence',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid character in string (control characters must be escaped)',
};

/**
 * jsonc-parser, the yaml package and every rule's tree walk are recursive: a broken or hostile file
 * thousands of levels deep overflows the stack. Such a file is reported, not parsed. 256 is far beyond
 * any ECS document (a task definition nests about 6 levels, a Copilot manifest about 10) and far below
 * where the parsers overflow (a few thousand levels, less inside a deep caller), so the answer is the
 * same in every caller and never depends on how much stack happens to be left.
 */
export const MAX_NESTING_DEPTH = 256;

/** The one diagnostic of a document nested deeper than `MAX_NESTING_DEPTH`. */
export function nestingMessage(language: string): string {
  return `${language} nested deeper than ${MAX_NESTING_DEPTH} levels: the document is not checked (no ECS document comes near that depth)`;
}

/**
 * Where the string opened before `from` ends: the offset of its closing quote, or of the line break
 * that ends it unterminated (as the parser reads it), or the text's length. A backslash escapes the
 * next character. Found with `indexOf` (native and fast) rather than per character: strings are
 * most of a task definition's text, and this runs over every version of a document being edited.
 */
function stringEnd(text: string, from: number, lineBreak: { at: number }): number {
  const n = text.length;
  for (let p = from; ;) {
    let quote = text.indexOf('"', p);
    if (quote < 0) quote = n;
    if (lineBreak.at < p) {
      lineBreak.at = text.indexOf('\n', p);
      if (lineBreak.at < 0) lineBreak.at = n;
    }
    const end = Math.min(quote, lineBreak.at);
    if (end >= n) return n;
    // Escaped when an odd run of backslashes (inside this string) precedes it.
    let k = end - 1;
    while (k >= from && text.charCodeAt(k) === 0x5c) k--;
    if ((end - 1 - k) % 2 === 0) return end;
    p = end + 1;
  }
}

/** Offset of the bracket that first exceeds `limit` levels of nesting, or -1. Strings are skipped. */
export function excessiveNesting(text: string, limit = MAX_NESTING_DEPTH): number {
  let depth = 0;
  const lineBreak = { at: -1 };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string; an unterminated one ends at the line break, as the parser reads it.
      i = stringEnd(text, i + 1, lineBreak);
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return i;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return -1;
}

function tooDeep(text: string): ParsedJson {
  const offset = Math.max(0, excessiveNesting(text));
  return {
    root: undefined,
    syntaxErrors: [{ message: nestingMessage('JSON'), offset, length: 1 }],
    unparsed: true,
  };
}

/**
 * A document's version before an edit: the text it had and what parsing it gave. The next parse
 * takes over what the edit left unchanged (`treeReuse.ts`), consuming this tree.
 */
export interface PreviousParse {
  readonly text: string;
  readonly json: ParsedJson;
}

/** What of `previous` parsing `text` (already masked, with no template in it) can take over. */
function reuseFrom(previous: PreviousParse | undefined, text: string): Reuse | undefined {
  if (!previous) return undefined;
  const old = previous.json;
  // A previous parse of masked text (templates) describes other text than its source: start afresh.
  if (!old.root || old.unparsed || (old.templateSpans?.length ?? 0) > 0) return undefined;
  const offsets = old.syntaxErrors.map((e) => e.offset).sort((a, b) => a - b);
  return planReuse(maskBom(previous.text), text, old.root, offsets);
}

/** The recovering parse taking over from `reuse`; `undefined` when it overflowed the stack (then parse as usual). */
function recoverWith(
  text: string,
  reuse: Reuse,
): { root: Node | undefined; errors: ParseError[] } | undefined {
  const errors: ParseError[] = [];
  try {
    return { root: recoveringParseTree(text, errors, reuse), errors };
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * Parses strict JSON (what the ECS API accepts) and keeps every error with its offset. With the
 * document's previous version, only what the edit changed is parsed again; the result is the same.
 */
export function parseJson(source: string, previous?: PreviousParse): ParsedJson {
  const masked = maskJsonTemplates(maskBom(source));
  let { text, spans } = masked;
  const reuse = spans.length === 0 ? reuseFrom(previous, text) : undefined;
  // The recovering parse of this very text, when it was done first (editing: see `reuse`).
  let parsed: { root: Node | undefined; errors: ParseError[] } | undefined;
  let fast: Node | undefined;
  if (reuse && excessiveNesting(text) < 0) {
    parsed = recoverWith(text, reuse);
    if (parsed?.errors.length === 0 && parsed.root) return { root: parsed.root, syntaxErrors: [] };
  } else {
    // Valid JSON (the usual case, and every large document in practice) takes the fast path.
    fast = fastParseTree(text);
  }
  if (!fast) {
    // Bare template holes (`"family": $NAME`) are values to be filled in, not syntax errors.
    const bare = maskBarePlaceholders(text);
    if (bare.spans.length > 0) {
      text = bare.text;
      spans = [...spans, ...bare.spans].sort((a, b) => a.offset - b.offset);
      fast = fastParseTree(text);
      parsed = undefined;
    }
  }
  if (fast)
    return spans.length > 0
      ? { root: fast, syntaxErrors: [], templateSpans: spans }
      : { root: fast, syntaxErrors: [] };
  // The recovering parser, like jsonc-parser, recurses per level. Checked before parsing (a linear
  // scan, run here and before a parse that takes over the previous tree, never for valid JSON on the
  // fast path), not by catching the overflow: where the stack runs out depends on the caller, and a
  // parse that happens to fit would give thousands of findings where a fresh process gives one.
  if (excessiveNesting(text) >= 0) return tooDeep(text);
  let errors: ParseError[] = [];
  let root: Node | undefined;
  if (parsed) ({ root, errors } = parsed);
  else {
    try {
      // jsonc-parser's tree and errors (`parseTree`, comments and trailing commas disallowed), faster.
      root = recoveringParseTree(text, errors);
    } catch (error) {
      if (error instanceof RangeError) return tooDeep(text);
      throw error;
    }
  }
  const syntaxErrors: JsonSyntaxError[] = [];
  const seenOffsets = new Set<number>();
  for (const e of errors) {
    // The parser may report several errors at one place (a trailing comma yields two): keep the first.
    if (seenOffsets.has(e.offset)) continue;
    seenOffsets.add(e.offset);
    const code = printParseErrorCode(e.error);
    const comma =
      code === 'PropertyNameExpected' || code === 'ValueExpected' ? trailingCommaBefore(text, e.offset) : -1;
    if (comma >= 0) {
      syntaxErrors.push({ message: 'Trailing comma is not allowed in JSON', offset: comma, length: 1 });
    } else {
      syntaxErrors.push({ message: messages[code] ?? code, offset: e.offset, length: Math.max(1, e.length) });
    }
  }
  return spans.length > 0 ? { root, syntaxErrors, templateSpans: spans } : { root, syntaxErrors };
}

/** A leading byte order mark becomes a space (reported once as an encoding finding, not a syntax error). */
function maskBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
}

/** When `offset` is a closing `}`/`]` preceded (across whitespace) by a comma, returns that comma's offset. */
function trailingCommaBefore(text: string, offset: number): number {
  const close = text[offset];
  if (close !== '}' && close !== ']') return -1;
  let i = offset - 1;
  while (i >= 0 && /\s/.test(text[i] ?? '')) i--;
  return text[i] === ',' ? i : -1;
}
