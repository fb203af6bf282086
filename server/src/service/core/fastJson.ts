/**
 * A fast path for parsing: builds exactly the tree jsonc-parser's `parseTree` builds (same node types,
 * offsets, lengths, colon offsets, values and parent links) for strictly valid JSON, several times
 * faster on large documents. It gives up (returns `undefined`) at the first thing it does not expect —
 * a syntax error, a comment, deep nesting — and the caller then runs jsonc-parser, which reports and
 * recovers from errors. So documents being edited keep jsonc-parser's behaviour, and valid ones
 * (most of the time, and every large one in practice) are parsed quickly.
 */
import type { Node } from 'jsonc-parser';
import type { BuildingNode as Building } from './buildingNode';

/** Nesting beyond this gives up the fast path (jsonc-parser then decides). */
const MAX_DEPTH = 200;

/** Thrown (once per parse at most) to leave the fast path; never escapes this module. */
const GIVE_UP = new Error('not strictly valid JSON');

// Character codes.
const CH_TAB = 0x09;
const CH_LINE_FEED = 0x0a;
const CH_CARRIAGE_RETURN = 0x0d;
const CH_SPACE = 0x20;
const CH_QUOTE = 0x22;
const CH_BACKSLASH = 0x5c;
const CH_COMMA = 0x2c;
const CH_MINUS = 0x2d;
const CH_DOT = 0x2e;
const CH_ZERO = 0x30;
const CH_NINE = 0x39;
const CH_COLON = 0x3a;
const CH_OPEN_BRACKET = 0x5b;
const CH_CLOSE_BRACKET = 0x5d;
const CH_OPEN_BRACE = 0x7b;
const CH_CLOSE_BRACE = 0x7d;
const CH_LOWER_E = 0x65;
const CH_UPPER_E = 0x45;
const CH_PLUS = 0x2b;

/** Placeholder until a container's children are known (keeps one object shape per node kind). */
const NO_CHILDREN: Node[] = [];

class FastParser {
  private pos = 0;
  /**
   * Children of the open containers, in one shared stack: each container takes an exact-size copy
   * when it closes, instead of a growing array per container (most hold one or two children).
   */
  private readonly stack: Node[] = [];

  constructor(private readonly text: string) {}

  parse(): Node {
    this.skipWhitespace();
    const root = this.value(undefined, 0);
    this.skipWhitespace();
    if (this.pos !== this.text.length) throw GIVE_UP;
    // jsonc-parser's root has no `parent` property at all.
    delete (root as { parent?: Node }).parent;
    return root;
  }

  private skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === CH_SPACE || c === CH_LINE_FEED || c === CH_CARRIAGE_RETURN || c === CH_TAB) pos++;
      else break;
    }
    this.pos = pos;
  }

  private value(parent: Node | undefined, depth: number): Node {
    const c = this.text.charCodeAt(this.pos);
    if (c === CH_QUOTE) return this.string(parent);
    if (c === CH_OPEN_BRACE) return this.object(parent, depth + 1);
    if (c === CH_OPEN_BRACKET) return this.array(parent, depth + 1);
    if (c === CH_MINUS || (c >= CH_ZERO && c <= CH_NINE)) return this.number(parent);
    return this.literal(parent);
  }

  private string(parent: Node | undefined): Node {
    const text = this.text;
    const start = this.pos;
    let pos = start + 1;
    let escaped = false;
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === CH_QUOTE) break;
      if (c === CH_BACKSLASH) {
        escaped = true;
        pos += 2;
        continue;
      }
      // Control characters (and the end of the text, NaN) are errors for jsonc-parser to report.
      if (!(c >= 0x20)) throw GIVE_UP;
      pos++;
    }
    pos++;
    this.pos = pos;
    let value: string;
    if (escaped) {
      try {
        value = JSON.parse(text.slice(start, pos)) as string;
      } catch {
        throw GIVE_UP;
      }
    } else {
      value = text.slice(start + 1, pos - 1);
    }
    const node: Building = { type: 'string', value, offset: start, length: pos - start, parent };
    return node;
  }

  private number(parent: Node | undefined): Node {
    const text = this.text;
    const start = this.pos;
    let pos = start;
    if (text.charCodeAt(pos) === CH_MINUS) pos++;
    const first = text.charCodeAt(pos);
    if (first === CH_ZERO) pos++;
    else if (first > CH_ZERO && first <= CH_NINE) {
      while (isDigit(text.charCodeAt(pos))) pos++;
    } else throw GIVE_UP;
    if (text.charCodeAt(pos) === CH_DOT) {
      pos++;
      if (!isDigit(text.charCodeAt(pos))) throw GIVE_UP;
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    const e = text.charCodeAt(pos);
    if (e === CH_LOWER_E || e === CH_UPPER_E) {
      pos++;
      const sign = text.charCodeAt(pos);
      if (sign === CH_PLUS || sign === CH_MINUS) pos++;
      if (!isDigit(text.charCodeAt(pos))) throw GIVE_UP;
      while (isDigit(text.charCodeAt(pos))) pos++;
    }
    this.pos = pos;
    return {
      type: 'number',
      value: Number(text.slice(start, pos)),
      offset: start,
      length: pos - start,
      parent,
    };
  }

  private literal(parent: Node | undefined): Node {
    const text = this.text;
    const start = this.pos;
    let type: 'boolean' | 'null';
    let value: boolean | null;
    if (text.startsWith('true', start)) {
      type = 'boolean';
      value = true;
    } else if (text.startsWith('false', start)) {
      type = 'boolean';
      value = false;
    } else if (text.startsWith('null', start)) {
      type = 'null';
      value = null;
    } else throw GIVE_UP;
    const length = value === false ? 5 : 4;
    // `trueish` is an error: the literal must end at a delimiter or the end of the text.
    const next = text.charCodeAt(start + length);
    if (!(next !== next || isDelimiter(next))) throw GIVE_UP;
    this.pos = start + length;
    const node: Building = { type, value, offset: start, length, parent };
    return node;
  }

  private array(parent: Node | undefined, depth: number): Node {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const node: Building = { type: 'array', offset: this.pos, length: 0, parent, children: NO_CHILDREN };
    const stack = this.stack;
    const base = stack.length;
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === CH_CLOSE_BRACKET) {
      this.pos++;
      node.length = this.pos - node.offset;
      node.children = [];
      return node;
    }
    for (;;) {
      stack.push(this.value(node, depth));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === CH_COMMA) {
        this.pos++;
        this.skipWhitespace();
        continue;
      }
      if (c === CH_CLOSE_BRACKET) {
        this.pos++;
        node.length = this.pos - node.offset;
        node.children = stack.slice(base);
        stack.length = base;
        return node;
      }
      throw GIVE_UP;
    }
  }

  private object(parent: Node | undefined, depth: number): Node {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const node: Building = { type: 'object', offset: this.pos, length: 0, parent, children: NO_CHILDREN };
    const stack = this.stack;
    const base = stack.length;
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === CH_CLOSE_BRACE) {
      this.pos++;
      node.length = this.pos - node.offset;
      node.children = [];
      return node;
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== CH_QUOTE) throw GIVE_UP;
      const property: Building = {
        type: 'property',
        offset: this.pos,
        length: 0,
        parent: node,
        children: NO_CHILDREN,
        colonOffset: 0,
      };
      const key = this.string(property);
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== CH_COLON) throw GIVE_UP;
      property.colonOffset = this.pos;
      this.pos++;
      this.skipWhitespace();
      const value = this.value(property, depth);
      property.children = [key, value];
      property.length = value.offset + value.length - property.offset;
      stack.push(property);
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos);
      if (c === CH_COMMA) {
        this.pos++;
        this.skipWhitespace();
        continue;
      }
      if (c === CH_CLOSE_BRACE) {
        this.pos++;
        node.length = this.pos - node.offset;
        node.children = stack.slice(base);
        stack.length = base;
        return node;
      }
      throw GIVE_UP;
    }
  }
}

function isDelimiter(c: number): boolean {
  return (
    c === CH_COMMA ||
    c === CH_CLOSE_BRACKET ||
    c === CH_CLOSE_BRACE ||
    c === CH_SPACE ||
    c === CH_LINE_FEED ||
    c === CH_CARRIAGE_RETURN ||
    c === CH_TAB
  );
}

function isDigit(c: number): boolean {
  return c >= CH_ZERO && c <= CH_NINE;
}

/**
 * The jsonc-parser tree of `text` when it is strictly valid JSON, else `undefined` (parse it with
 * jsonc-parser, which reports the errors). An empty text is `undefined` too.
 */
export function fastParseTree(text: string): Node | undefined {
  try {
    return new FastParser(text).parse();
  } catch (error) {
    if (error === GIVE_UP || error instanceof RangeError) return undefined;
    throw error;
  }
}
