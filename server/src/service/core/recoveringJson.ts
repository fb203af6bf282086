/**
 * jsonc-parser's `parseTree` for text with syntax errors, in about half its time: the same recursive
 * descent, the same error recovery (which tokens are skipped, where each error is reported) and the
 * same tree-building rules (how an unfinished property or container gets its length), with the
 * visitor callbacks and the per-token string building taken out. Broken JSON is what every keystroke
 * between two valid states produces, so this is the path a document being edited takes.
 *
 * The scanner handles the tokens of ordinary JSON itself — punctuation, whitespace, strings without
 * escapes, numbers, words — exactly as jsonc-parser's scanner does; anything rarer (a string with an
 * escape, a control character or no end, a slash) is scanned by jsonc-parser's own scanner from the
 * same offset, so its answer is by construction the library's. The differential test
 * (`test/unit/service/recoveringJson.test.ts`) compares trees and errors with `parseTree` on
 * thousands of mutated real task definitions.
 *
 * Options are fixed to what the ECS API reads: comments are errors, trailing commas are errors.
 */
import type { Node, ParseError } from 'jsonc-parser';
import type { BuildingNode as Building } from './buildingNode';
import {
  OPEN_BRACE,
  CLOSE_BRACE,
  OPEN_BRACKET,
  CLOSE_BRACKET,
  COMMA,
  COLON,
  NULL_KEYWORD,
  TRUE_KEYWORD,
  FALSE_KEYWORD,
  STRING,
  NUMBER,
  LINE_COMMENT,
  BLOCK_COMMENT,
  LINE_BREAK,
  TRIVIA,
  UNKNOWN,
  EOF,
  SCAN_UNEXPECTED_END_OF_STRING,
  SCAN_UNEXPECTED_END_OF_NUMBER,
  SCAN_INVALID_UNICODE,
  SCAN_INVALID_ESCAPE,
  SCAN_INVALID_CHARACTER,
  JsonScanner,
} from './jsonScanner';
import { type Reuse, takeContainer } from './treeReuse';

// jsonc-parser's ParseErrorCode values (a const enum in its typings).
const ERR_INVALID_SYMBOL = 1;
const ERR_INVALID_NUMBER_FORMAT = 2;
const ERR_PROPERTY_NAME_EXPECTED = 3;
const ERR_VALUE_EXPECTED = 4;
const ERR_COLON_EXPECTED = 5;
const ERR_COMMA_EXPECTED = 6;
const ERR_CLOSE_BRACE_EXPECTED = 7;
const ERR_CLOSE_BRACKET_EXPECTED = 8;
const ERR_END_OF_FILE_EXPECTED = 9;
const ERR_INVALID_COMMENT_TOKEN = 10;
const ERR_UNEXPECTED_END_OF_STRING = 12;
const ERR_UNEXPECTED_END_OF_NUMBER = 13;
const ERR_INVALID_UNICODE = 14;
const ERR_INVALID_ESCAPE = 15;
const ERR_INVALID_CHARACTER = 16;

/** The tokens that stop skipping after a missing property name, colon or value in an object. */
const OBJECT_RESUME: readonly number[] = [CLOSE_BRACE, COMMA];
const ARRAY_RESUME: readonly number[] = [CLOSE_BRACKET, COMMA];
const NONE: readonly number[] = [];
const AFTER_CLOSE_BRACE: readonly number[] = [CLOSE_BRACE];
const AFTER_CLOSE_BRACKET: readonly number[] = [CLOSE_BRACKET];

class RecoveringParser extends JsonScanner {
  /** The artificial root `parseTree` starts from; the document's value is its first child. */
  private readonly root: Building = { type: 'array', offset: -1, length: -1, children: [] };
  private current: Building = this.root;

  constructor(
    text: string,
    private readonly errors: ParseError[],
    private readonly reuse: Reuse | undefined,
  ) {
    super(text);
  }

  parse(): Node | undefined {
    this.scanNext();
    if (this.token === EOF) {
      this.handleError(ERR_VALUE_EXPECTED, NONE, NONE);
    } else if (!this.parseValue()) {
      this.handleError(ERR_VALUE_EXPECTED, NONE, NONE);
    } else if (this.token !== EOF) {
      this.handleError(ERR_END_OF_FILE_EXPECTED, NONE, NONE);
    }
    const result = this.current.children?.[0];
    if (result) delete result.parent;
    return result;
  }

  /** The next significant token, reporting scan errors, unknown symbols and comments on the way. */
  private scanNext(): number {
    for (;;) {
      const token = this.scan();
      switch (this.tokenError) {
        case SCAN_INVALID_UNICODE:
          this.handleError(ERR_INVALID_UNICODE, NONE, NONE);
          break;
        case SCAN_INVALID_ESCAPE:
          this.handleError(ERR_INVALID_ESCAPE, NONE, NONE);
          break;
        case SCAN_UNEXPECTED_END_OF_NUMBER:
          this.handleError(ERR_UNEXPECTED_END_OF_NUMBER, NONE, NONE);
          break;
        case SCAN_UNEXPECTED_END_OF_STRING:
          this.handleError(ERR_UNEXPECTED_END_OF_STRING, NONE, NONE);
          break;
        case SCAN_INVALID_CHARACTER:
          this.handleError(ERR_INVALID_CHARACTER, NONE, NONE);
          break;
        // An unterminated comment (ScanError 1) is not reported when comments are errors anyway.
      }
      switch (token) {
        case LINE_COMMENT:
        case BLOCK_COMMENT:
          this.handleError(ERR_INVALID_COMMENT_TOKEN, NONE, NONE);
          break;
        case UNKNOWN:
          this.handleError(ERR_INVALID_SYMBOL, NONE, NONE);
          break;
        case TRIVIA:
        case LINE_BREAK:
          break;
        default:
          return token;
      }
    }
  }

  private handleError(error: number, skipUntilAfter: readonly number[], skipUntil: readonly number[]): void {
    this.errors.push({ error, offset: this.tokenOffset, length: this.tokenLength });
    if (skipUntilAfter.length + skipUntil.length === 0) return;
    let token = this.token;
    while (token !== EOF) {
      if (skipUntilAfter.includes(token)) {
        this.scanNext();
        break;
      }
      if (skipUntil.includes(token)) break;
      token = this.scanNext();
    }
  }

  // --- building (parseTree's visitor) ----------------------------------------------------------

  private ensurePropertyComplete(endOffset: number): void {
    const current = this.current;
    if (current.type === 'property') {
      current.length = endOffset - current.offset;
      this.current = current.parent as Building;
    }
  }

  private push(node: Building): Building {
    (this.current.children as Building[]).push(node);
    return node;
  }

  private literal(type: Node['type'], value: unknown): void {
    const offset = this.tokenOffset;
    const length = this.tokenLength;
    this.push({ type, offset, length, parent: this.current, value });
    this.ensurePropertyComplete(offset + length);
  }

  // --- parsing (jsonc-parser's visit) ----------------------------------------------------------

  private parseValue(): boolean {
    switch (this.token) {
      case OPEN_BRACKET:
        return this.taken() || this.parseArray();
      case OPEN_BRACE:
        return this.taken() || this.parseObject();
      case STRING:
        this.literal('string', this.tokenValue ?? '');
        this.scanNext();
        return true;
      case NUMBER: {
        let value = Number(this.tokenValue);
        if (Number.isNaN(value)) {
          this.handleError(ERR_INVALID_NUMBER_FORMAT, NONE, NONE);
          value = 0;
        }
        this.literal('number', value);
        break;
      }
      case NULL_KEYWORD:
        this.literal('null', null);
        break;
      case TRUE_KEYWORD:
        this.literal('boolean', true);
        break;
      case FALSE_KEYWORD:
        this.literal('boolean', false);
        break;
      default:
        return false;
    }
    this.scanNext();
    return true;
  }

  private parseProperty(): boolean {
    if (this.token !== STRING) {
      this.handleError(ERR_PROPERTY_NAME_EXPECTED, NONE, OBJECT_RESUME);
      return false;
    }
    const offset = this.tokenOffset;
    const length = this.tokenLength;
    const property = this.push({ type: 'property', offset, length: -1, parent: this.current, children: [] });
    this.current = property;
    property.children?.push({
      type: 'string',
      value: this.tokenValue ?? '',
      offset,
      length,
      parent: property,
    });
    if (this.scanNext() === COLON) {
      if (this.current.type === 'property') this.current.colonOffset = this.tokenOffset;
      this.scanNext();
      if (!this.parseValue()) this.handleError(ERR_VALUE_EXPECTED, NONE, OBJECT_RESUME);
    } else {
      this.handleError(ERR_COLON_EXPECTED, NONE, OBJECT_RESUME);
    }
    return true;
  }

  /** A `,` separator completes an open property (parseTree's `onSeparator`). */
  private comma(): void {
    if (this.current.type === 'property') this.ensurePropertyComplete(this.tokenOffset);
  }

  private parseObject(): boolean {
    this.current = this.push({
      type: 'object',
      offset: this.tokenOffset,
      length: -1,
      parent: this.current,
      children: [],
    });
    this.scanNext();
    let needsComma = false;
    while (this.token !== CLOSE_BRACE && this.token !== EOF) {
      if (this.token === COMMA) {
        if (!needsComma) this.handleError(ERR_VALUE_EXPECTED, NONE, NONE);
        this.comma();
        this.scanNext();
      } else if (needsComma) {
        this.handleError(ERR_COMMA_EXPECTED, NONE, NONE);
      }
      if (!this.parseProperty()) this.handleError(ERR_VALUE_EXPECTED, NONE, OBJECT_RESUME);
      needsComma = true;
    }
    this.endContainer(true);
    if (this.token !== CLOSE_BRACE) this.handleError(ERR_CLOSE_BRACE_EXPECTED, AFTER_CLOSE_BRACE, NONE);
    else this.scanNext();
    return true;
  }

  private parseArray(): boolean {
    this.current = this.push({
      type: 'array',
      offset: this.tokenOffset,
      length: -1,
      parent: this.current,
      children: [],
    });
    this.scanNext();
    let needsComma = false;
    while (this.token !== CLOSE_BRACKET && this.token !== EOF) {
      if (this.token === COMMA) {
        if (!needsComma) this.handleError(ERR_VALUE_EXPECTED, NONE, NONE);
        this.comma();
        this.scanNext();
      } else if (needsComma) {
        this.handleError(ERR_COMMA_EXPECTED, NONE, NONE);
      }
      if (!this.parseValue()) this.handleError(ERR_VALUE_EXPECTED, NONE, ARRAY_RESUME);
      needsComma = true;
    }
    this.endContainer(false);
    if (this.token !== CLOSE_BRACKET) this.handleError(ERR_CLOSE_BRACKET_EXPECTED, AFTER_CLOSE_BRACKET, NONE);
    else this.scanNext();
    return true;
  }

  /**
   * The container starting at this token taken from the previous version's tree, when the edit left
   * it as it was: added as parsing it would add it (its end completes an open property), and the
   * token after it scanned.
   */
  private taken(): boolean {
    const node = this.reuse && takeContainer(this.reuse, this.tokenOffset);
    if (!node) return false;
    const end = node.offset + node.length;
    (node as Building).parent = this.current;
    this.push(node);
    this.ensurePropertyComplete(end);
    this.pos = end;
    this.scanNext();
    return true;
  }

  /** parseTree's `onObjectEnd` / `onArrayEnd`, at the current token (the closing one, or another). */
  private endContainer(object: boolean): void {
    const end = this.tokenOffset + this.tokenLength;
    // A property left without a value (`"cpu": }`) ends here too.
    if (object) this.ensurePropertyComplete(end);
    this.current.length = end - this.current.offset;
    this.current = this.current.parent as Building;
    this.ensurePropertyComplete(end);
  }
}

/**
 * The tree and errors jsonc-parser's `parseTree(text, errors, { disallowComments: true,
 * allowTrailingComma: false })` gives, for any text. With `reuse` (see `treeReuse.ts`), what the
 * edit left unchanged is taken from the previous version's tree, which that consumes.
 */
export function recoveringParseTree(text: string, errors: ParseError[], reuse?: Reuse): Node | undefined {
  return new RecoveringParser(text, errors, reuse).parse();
}
