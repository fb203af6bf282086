/**
 * The text document `ecs-lint` hands the language service: `vscode-languageserver-textdocument`'s
 * positions and offsets exactly (the same line breaks: `\n`, `\r\n` and a lone `\r`), for a text
 * that never changes. Its line starts are found with `indexOf` instead of a test of every
 * character: a linter turns the ranges of every file's findings into positions, so it scans every
 * text it reports on, and the per-character loop was a visible share of its time.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position, Range } from 'vscode-languageserver-types';

const LF = 10;
const CR = 13;

function isEOL(char: number): boolean {
  return char === CR || char === LF;
}

/** The offset of the start of every line of `text`, the first line's 0 included. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (!isEOL(ch)) continue;
    if (ch === CR && i + 1 < text.length && text.charCodeAt(i + 1) === LF) i++;
    starts.push(i + 1);
  }
  return starts;
}

/** A read-only `TextDocument` (see the file comment). */
export class LintTextDocument implements TextDocument {
  private starts: number[] | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    private readonly content: string,
  ) {}

  getText(range?: Range): string {
    if (!range) return this.content;
    return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  private lines(): number[] {
    this.starts ??= lineStarts(this.content);
    return this.starts;
  }

  get lineCount(): number {
    return this.lines().length;
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.content.length), 0);
    const starts = this.lines();
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = Math.floor((low + high) / 2);
      if ((starts[mid] ?? 0) > at) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    const start = starts[line] ?? 0;
    return { line, character: this.beforeEOL(at, start) - start };
  }

  offsetAt(position: Position): number {
    const starts = this.lines();
    if (position.line >= starts.length) return this.content.length;
    if (position.line < 0) return 0;
    const start = starts[position.line] ?? 0;
    if (position.character <= 0) return start;
    const next = starts[position.line + 1] ?? this.content.length;
    return this.beforeEOL(Math.min(start + position.character, next), start);
  }

  getLineRange(line: number): Range {
    const starts = this.lines();
    if (line >= starts.length) {
      const last = starts.length - 1;
      const start = starts[last] ?? 0;
      return {
        start: { line: last, character: 0 },
        end: { line: last, character: this.content.length - start },
      };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = starts[line] ?? 0;
    const end = this.beforeEOL(starts[line + 1] ?? this.content.length, start);
    return { start: { line, character: 0 }, end: { line, character: end - start } };
  }

  getEOLCharacters(line: number): string {
    const starts = this.lines();
    if (line >= starts.length || line < 0) return '';
    const next = starts[line + 1] ?? this.content.length;
    return this.content.substring(this.beforeEOL(next, starts[line] ?? 0), next);
  }

  /** `offset` moved back before the line break it follows (a position is never inside one). */
  private beforeEOL(offset: number, lineStart: number): number {
    let at = offset;
    while (at > lineStart && isEOL(this.content.charCodeAt(at - 1))) at--;
    return at;
  }
}
