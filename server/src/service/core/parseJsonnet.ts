/**
 * A lenient reader of ecspresso's Jsonnet definitions (`ecs-service-def.jsonnet`, `ecs-task-def.jsonnet`).
 * Such files are mostly JSON with Jsonnet's conveniences — unquoted and single-quoted keys, comments,
 * trailing commas, `local` bindings, `std.extVar(...)`, `if ... then ... else ...` — and they are
 * evaluated by ecspresso before ECS sees them. This reader builds the same jsonc-parser tree as
 * `parseJson` from the literal parts; every computed expression becomes a value of unknown content
 * (recorded in `templateSpans`, like a Go-template expression), so no type or enum rule judges it.
 * It reports no syntax errors: the Jsonnet tool owns the language, and a guess would mislead.
 */
import type { NodeType } from 'jsonc-parser';
import { type ParsedJson, excessiveNesting, nestingMessage } from './parse';
import { type TextSpan, maskJsonTemplates } from './templates';

interface MutableNode {
  type: NodeType;
  offset: number;
  length: number;
  value?: unknown;
  parent?: MutableNode;
  children?: MutableNode[];
  colonOffset?: number;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class JsonnetReader {
  private pos = 0;
  readonly spans: TextSpan[] = [];
  /** `{…} {…}`: object composition where a comma was probably meant (offset of the second `{`). */
  readonly compositions: TextSpan[] = [];
  /** Guards against pathological nesting (a stack overflow would crash the server). */
  private depth = 0;

  constructor(private readonly text: string) {}

  document(): MutableNode | undefined {
    this.skipLocals();
    if (this.pos >= this.text.length) return undefined;
    return this.expression();
  }

  // ---- lexical helpers ----------------------------------------------------------------------------------

  private skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos] ?? '';
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '#' || (c === '/' && t[this.pos + 1] === '/')) {
        const nl = t.indexOf('\n', this.pos);
        this.pos = nl < 0 ? t.length : nl + 1;
      } else if (c === '/' && t[this.pos + 1] === '*') {
        const end = t.indexOf('*/', this.pos + 2);
        this.pos = end < 0 ? t.length : end + 2;
      } else break;
    }
  }

  private peek(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }

  private word(): string | undefined {
    this.skipSpace();
    IDENT.lastIndex = this.pos;
    const m = IDENT.exec(this.text);
    return m ? m[0] : undefined;
  }

  /** Skips `local x = ...;` bindings (and `assert ...;`) before an expression or inside an object. */
  private skipLocals(): void {
    for (;;) {
      const w = this.word();
      if (w !== 'local' && w !== 'assert') return;
      this.pos += w.length;
      this.skipUntil([';', ',']);
      if (this.text[this.pos] === ';' || this.text[this.pos] === ',') this.pos++;
    }
  }

  /** Moves to the next top-level stop character or closing bracket (not inside brackets or strings). */
  private skipUntil(stops: readonly string[]): void {
    let level = 0;
    const t = this.text;
    while (this.pos < t.length) {
      this.skipSpace();
      const c = t[this.pos] ?? '';
      if (c === '"' || c === "'" || (c === '|' && t.startsWith('|||', this.pos))) {
        this.stringToken();
        continue;
      }
      if (c === '{' || c === '[' || c === '(') level++;
      else if (c === '}' || c === ']' || c === ')') {
        if (level === 0) return;
        level--;
      } else if (level === 0 && stops.includes(c)) return;
      this.pos++;
    }
  }

  /** Reads a string token at `pos` and returns its value (escapes resolved approximately). */
  private stringToken(): string {
    const t = this.text;
    const start = this.pos;
    if (t.startsWith('|||', start)) {
      const end = t.indexOf('|||', start + 3);
      this.pos = end < 0 ? t.length : end + 3;
      return t.slice(start + 3, end < 0 ? t.length : end).trim();
    }
    const quote = t[start] ?? '"';
    let value = '';
    this.pos = start + 1;
    while (this.pos < t.length) {
      const c = t[this.pos] ?? '';
      if (c === '\\') {
        const n = t[this.pos + 1] ?? '';
        value += n === 'n' ? '\n' : n === 't' ? '\t' : n;
        this.pos += 2;
        continue;
      }
      this.pos++;
      if (c === quote) break;
      value += c;
    }
    return value;
  }

  // ---- grammar ------------------------------------------------------------------------------------------

  private unknown(start: number): MutableNode {
    this.pos = start;
    this.skipUntil([',', ';']);
    let end = this.pos;
    while (end > start && /\s/.test(this.text[end - 1] ?? '')) end--;
    const length = Math.max(1, end - start);
    this.spans.push({ offset: start, length });
    return { type: 'string', offset: start, length, value: '' };
  }

  private expression(): MutableNode {
    this.skipSpace();
    const start = this.pos;
    if (this.depth > 200) return this.unknown(start);
    this.depth++;
    try {
      const literal = this.literal();
      // Anything after a literal (`{...} + {...}`, `'a' % x`) makes the whole expression computed.
      const next = this.peek();
      if (literal && (next === '' || next === ',' || next === '}' || next === ']' || next === ';'))
        return literal;
      // `{ a } { b }` composes b into a (Jsonnet's `a + { b }`): keys of b override a's, and in an
      // array two items become one. Almost always a missing comma.
      if (literal?.type === 'object' && next === '{') this.compositions.push({ offset: this.pos, length: 1 });
      return this.unknown(start);
    } finally {
      this.depth--;
    }
  }

  private literal(): MutableNode | undefined {
    const start = this.pos;
    const c = this.text[start] ?? '';
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"' || c === "'" || this.text.startsWith('|||', start)) {
      const value = this.stringToken();
      return { type: 'string', offset: start, length: this.pos - start, value };
    }
    NUMBER.lastIndex = start;
    const num = NUMBER.exec(this.text);
    if (num) {
      this.pos = start + num[0].length;
      return { type: 'number', offset: start, length: num[0].length, value: Number(num[0]) };
    }
    const w = this.word();
    if (w === 'true' || w === 'false') {
      this.pos += w.length;
      return { type: 'boolean', offset: start, length: w.length, value: w === 'true' };
    }
    if (w === 'null') {
      this.pos += 4;
      return { type: 'null', offset: start, length: 4, value: null };
    }
    return undefined;
  }

  private object(): MutableNode {
    const node: MutableNode = { type: 'object', offset: this.pos, length: 0, children: [] };
    this.pos++; // {
    for (;;) {
      const before = this.pos;
      this.skipLocals();
      const c = this.peek();
      if (c === '' || c === '}') break;
      const property = this.field();
      if (property) {
        property.parent = node;
        node.children?.push(property);
      }
      const after = this.peek();
      if (after === ',') this.pos++;
      else if (after !== '}') this.skipUntil([',']);
      // A stray closer (`)` or `]`) would stop every skip: step over it so the loop always advances.
      if (this.pos === before) this.pos++;
    }
    if (this.text[this.pos] === '}') this.pos++;
    node.length = this.pos - node.offset;
    return node;
  }

  private field(): MutableNode | undefined {
    const start = this.pos;
    let key: MutableNode | undefined;
    const c = this.text[start] ?? '';
    if (c === '"' || c === "'") {
      const value = this.stringToken();
      key = { type: 'string', offset: start, length: this.pos - start, value };
    } else {
      const w = this.word();
      if (w === undefined) {
        // A computed field (`[name]: value`) or a comprehension: its key is unknown, skip it.
        this.skipUntil([',']);
        return undefined;
      }
      this.pos += w.length;
      key = { type: 'string', offset: start, length: w.length, value: w };
    }
    this.skipSpace();
    // `key:`, `key::`, `key:::`, `key+:` (hidden and merge fields are fields all the same).
    if (this.text[this.pos] === '+') this.pos++;
    if (this.text[this.pos] !== ':') {
      this.skipUntil([',']);
      return undefined;
    }
    const colonOffset = this.pos;
    while (this.text[this.pos] === ':') this.pos++;
    const property: MutableNode = {
      type: 'property',
      offset: start,
      length: 0,
      colonOffset,
      children: [key],
    };
    key.parent = property;
    const value = this.expression();
    value.parent = property;
    property.children?.push(value);
    property.length = value.offset + value.length - start;
    return property;
  }

  private array(): MutableNode {
    const node: MutableNode = { type: 'array', offset: this.pos, length: 0, children: [] };
    this.pos++; // [
    for (;;) {
      const c = this.peek();
      if (c === '' || c === ']') break;
      if (c === '}' || c === ')') {
        this.pos++;
        continue;
      }
      const item = this.expression();
      item.parent = node;
      node.children?.push(item);
      const after = this.peek();
      if (after === ',') this.pos++;
      else if (after !== ']') {
        // An array comprehension (`[x for x in xs]`): the whole array is unknown.
        this.skipUntil([]);
        if (this.text[this.pos] === ']') this.pos++;
        this.spans.push({ offset: node.offset, length: this.pos - node.offset });
        return { type: 'string', offset: node.offset, length: this.pos - node.offset, value: '' };
      }
    }
    if (this.text[this.pos] === ']') this.pos++;
    node.length = this.pos - node.offset;
    return node;
  }
}

/** Reads a Jsonnet definition into a JSON tree whose computed values are unknown (never throws). */
export function parseJsonnet(text: string): ParsedJson {
  // The reader stops descending at 200 levels, but the tree it builds is walked recursively by every
  // rule: absurd nesting gets the one diagnostic JSON gets (brackets in comments count, harmlessly).
  const deep = excessiveNesting(text);
  if (deep >= 0) {
    return {
      root: undefined,
      syntaxErrors: [{ message: nestingMessage('Jsonnet'), offset: deep, length: 1 }],
      unparsed: true,
    };
  }
  try {
    const reader = new JsonnetReader(text);
    const root = reader.document();
    // Go templates inside Jsonnet strings (`'{{ must_env `X` }}'`) are unknown values as well.
    const templates = maskJsonTemplates(text).spans;
    const warnings = reader.compositions.map((s) => ({
      code: 'ECS006',
      offset: s.offset,
      length: s.length,
      message:
        "Jsonnet reads `} {` as object composition (`a + b`): the second object's keys override the first's and an array gets one item instead of two. If two objects were meant, add a comma between them; to merge on purpose, write `+` explicitly.",
    }));
    return {
      root,
      syntaxErrors: [],
      templateSpans: [...reader.spans, ...templates],
      ...(warnings.length > 0 ? { warnings } : {}),
    };
  } catch {
    return { root: undefined, syntaxErrors: [] };
  }
}
