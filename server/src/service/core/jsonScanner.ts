/**
 * The scanner of the recovering JSON parser (`recoveringJson.ts`): jsonc-parser's `createScanner`
 * (trivia included) with the tokens of ordinary JSON — punctuation, whitespace, strings without
 * escapes, numbers, words — scanned here on character codes, without building a value for trivia,
 * and the rarer ones (a string with an escape, a control character or no end; a slash, which starts
 * a comment or is an unknown symbol) scanned by jsonc-parser's own scanner from the same offset.
 */
import { type JSONScanner, createScanner } from 'jsonc-parser';

// jsonc-parser's SyntaxKind and ScanError values (const enums in its typings).
export const OPEN_BRACE = 1;
export const CLOSE_BRACE = 2;
export const OPEN_BRACKET = 3;
export const CLOSE_BRACKET = 4;
export const COMMA = 5;
export const COLON = 6;
export const NULL_KEYWORD = 7;
export const TRUE_KEYWORD = 8;
export const FALSE_KEYWORD = 9;
export const STRING = 10;
export const NUMBER = 11;
export const LINE_COMMENT = 12;
export const BLOCK_COMMENT = 13;
export const LINE_BREAK = 14;
export const TRIVIA = 15;
export const UNKNOWN = 16;
export const EOF = 17;

export const SCAN_UNEXPECTED_END_OF_STRING = 2;
export const SCAN_UNEXPECTED_END_OF_NUMBER = 3;
export const SCAN_INVALID_UNICODE = 4;
export const SCAN_INVALID_ESCAPE = 5;
export const SCAN_INVALID_CHARACTER = 6;

/** jsonc-parser's `isUnknownContentCharacter`: what a word (`true`, `undefined`, `NaN`) is made of. */
function isWordCharacter(c: number): boolean {
  switch (c) {
    case 0x20: // space
    case 0x09: // tab
    case 0x0a: // line feed
    case 0x0d: // carriage return
    case 0x7d: // }
    case 0x5d: // ]
    case 0x7b: // {
    case 0x5b: // [
    case 0x22: // "
    case 0x3a: // :
    case 0x2c: // ,
    case 0x2f: // /
      return false;
  }
  return true;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Token state as jsonc-parser's scanner keeps it; the parser extends this. */
export class JsonScanner {
  protected pos = 0;
  protected token = UNKNOWN;
  protected tokenOffset = 0;
  protected tokenValue: string | undefined;
  protected tokenError = 0;
  /** jsonc-parser's scanner, for the rare tokens (created on first need). */
  private library: JSONScanner | undefined;

  constructor(protected readonly text: string) {}

  // --- scanning --------------------------------------------------------------------------------

  protected get tokenLength(): number {
    return this.pos - this.tokenOffset;
  }

  /** One token, trivia included (jsonc-parser's `scanner.scan()`). */
  protected scan(): number {
    const text = this.text;
    const len = text.length;
    this.tokenValue = undefined;
    this.tokenError = 0;
    let pos = this.pos;
    this.tokenOffset = pos;
    if (pos >= len) {
      this.tokenOffset = len;
      return (this.token = EOF);
    }
    let c = text.charCodeAt(pos);
    if (c === 0x20 || c === 0x09) {
      do c = text.charCodeAt(++pos);
      while (c === 0x20 || c === 0x09);
      this.pos = pos;
      return (this.token = TRIVIA);
    }
    if (c === 0x0a || c === 0x0d) {
      pos++;
      if (c === 0x0d && text.charCodeAt(pos) === 0x0a) pos++;
      this.pos = pos;
      return (this.token = LINE_BREAK);
    }
    switch (c) {
      case 0x7b:
        this.pos = pos + 1;
        return (this.token = OPEN_BRACE);
      case 0x7d:
        this.pos = pos + 1;
        return (this.token = CLOSE_BRACE);
      case 0x5b:
        this.pos = pos + 1;
        return (this.token = OPEN_BRACKET);
      case 0x5d:
        this.pos = pos + 1;
        return (this.token = CLOSE_BRACKET);
      case 0x3a:
        this.pos = pos + 1;
        return (this.token = COLON);
      case 0x2c:
        this.pos = pos + 1;
        return (this.token = COMMA);
      case 0x22: {
        // A plain string: no escape, no control character, closed on its line.
        for (let i = pos + 1; i < len; i++) {
          const s = text.charCodeAt(i);
          if (s === 0x22) {
            this.tokenValue = text.slice(pos + 1, i);
            this.pos = i + 1;
            return (this.token = STRING);
          }
          if (s === 0x5c || s < 0x20) break;
        }
        return this.scanWithLibrary();
      }
      case 0x2f:
        return this.scanWithLibrary();
      case 0x2d:
        if (!isDigit(text.charCodeAt(pos + 1))) {
          this.pos = pos + 1;
          return (this.token = UNKNOWN);
        }
        return this.scanNumber(pos, pos + 1);
    }
    if (isDigit(c)) return this.scanNumber(pos, pos);
    // A word: `true`, `false`, `null` or an unknown symbol; a lone other character is one too.
    let end = pos;
    while (end < len && isWordCharacter(text.charCodeAt(end))) end++;
    if (end === pos) {
      this.pos = pos + 1;
      return (this.token = UNKNOWN);
    }
    this.pos = end;
    const word = text.slice(pos, end);
    if (word === 'true') return (this.token = TRUE_KEYWORD);
    if (word === 'false') return (this.token = FALSE_KEYWORD);
    if (word === 'null') return (this.token = NULL_KEYWORD);
    this.tokenValue = word;
    return (this.token = UNKNOWN);
  }

  /** jsonc-parser's `scanNumber` from `digits` (after an optional minus at `start`). */
  private scanNumber(start: number, digits: number): number {
    const text = this.text;
    const len = text.length;
    let pos = digits;
    if (text.charCodeAt(pos) === 0x30) pos++;
    else {
      pos++;
      while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
    }
    let end = pos;
    if (pos < len && text.charCodeAt(pos) === 0x2e) {
      pos++;
      if (pos < len && isDigit(text.charCodeAt(pos))) {
        pos++;
        while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
        end = pos;
      } else {
        this.tokenError = SCAN_UNEXPECTED_END_OF_NUMBER;
        this.tokenValue = text.slice(start, pos);
        this.pos = pos;
        return (this.token = NUMBER);
      }
    }
    const e = text.charCodeAt(pos);
    if (pos < len && (e === 0x45 || e === 0x65)) {
      pos++;
      // jsonc-parser's precedence: a minus is taken even at the end of the text (where it is not).
      const sign = text.charCodeAt(pos);
      if ((pos < len && sign === 0x2b) || sign === 0x2d) pos++;
      if (pos < len && isDigit(text.charCodeAt(pos))) {
        pos++;
        while (pos < len && isDigit(text.charCodeAt(pos))) pos++;
        end = pos;
      } else {
        this.tokenError = SCAN_UNEXPECTED_END_OF_NUMBER;
      }
    }
    this.tokenValue = text.slice(start, end);
    this.pos = pos;
    return (this.token = NUMBER);
  }

  private scanWithLibrary(): number {
    this.library ??= createScanner(this.text, false);
    const scanner = this.library;
    scanner.setPosition(this.pos);
    const token = scanner.scan();
    this.tokenOffset = scanner.getTokenOffset();
    this.pos = scanner.getPosition();
    this.tokenValue = scanner.getTokenValue();
    this.tokenError = scanner.getTokenError();
    return (this.token = token);
  }
}
