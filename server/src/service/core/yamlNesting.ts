/**
 * How deep a YAML text nests, estimated in one linear pass before the `yaml` package sees it. That
 * package's parser and composer are recursive: a few thousand levels (`- - - - …`, thousands of
 * lines each indented one more column, `[[[[…`) overflow the stack, and the overflow surfaces
 * either as a thrown `RangeError` or, depending on how much stack the caller happened to use, as a
 * half-built document — not the same answer twice, and sometimes a crashed process.
 *
 * The estimate never undercounts what the parser nests: the open block levels (each indentation
 * column still open, including the columns opened by compact indicators `- `, `? `, `: ` on a line)
 * plus two levels per open flow collection (`[`, `{`: the collection and an implicit `a: b` pair in
 * it). It may overcount (a `key: value` line counts the value as a level), which only matters for
 * texts far beyond any real manifest. Quoted scalars, comments and block scalars
 * (`|`, `>`) are skipped, so brackets inside strings and scripts do not count.
 */

const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === LF || c === CR || c !== c;
}

/**
 * The offset at which `text` first nests deeper than `limit` levels, or -1. Linear in the text and
 * allocation-free apart from the indentation stack (at most `limit` entries).
 */
export function yamlExcessiveNesting(text: string, limit: number): number {
  const n = text.length;
  const indents: number[] = [];
  let flow = 0;
  /** Indentation of the line holding a block scalar header (`|`, `>`), while its body is skipped. */
  let blockScalarIndent = -1;
  let i = 0;
  while (i < n) {
    // ---- one line: [i, eol)
    let eol = text.indexOf('\n', i);
    if (eol < 0) eol = n;
    let p = i;
    while (p < eol && (text.charCodeAt(p) === SPACE || text.charCodeAt(p) === TAB)) p++;
    const indent = p - i;
    const blank = p >= eol || text.charCodeAt(p) === CR || text.charCodeAt(p) === 0x23; // '#'
    if (blockScalarIndent >= 0) {
      if (blank || indent > blockScalarIndent) {
        i = eol + 1;
        continue;
      }
      blockScalarIndent = -1;
    }
    if (blank && flow === 0) {
      i = eol + 1;
      continue;
    }
    if (flow === 0) {
      // Document markers reset the structure.
      if (
        indent === 0 &&
        (text.startsWith('---', p) || text.startsWith('...', p)) &&
        isBlank(text.charCodeAt(p + 3))
      ) {
        indents.length = 0;
        p += 3;
      }
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) > indent) indents.pop();
      if (indents.length === 0 || indents[indents.length - 1] !== indent) indents.push(indent);
      if (indents.length > limit) return p;
    }
    /** True where a new node may start (after indentation or an indicator): `-`, `[`, quotes count there. */
    let nodeStart = flow === 0;
    while (p < eol) {
      const c = text.charCodeAt(p);
      if (c === SPACE || c === TAB || c === CR) {
        p++;
        continue;
      }
      if (c === 0x23 && isBlank(text.charCodeAt(p - 1))) break; // comment
      const next = text.charCodeAt(p + 1);
      if (flow > 0 || nodeStart) {
        if (c === 0x5b || c === 0x7b) {
          // [ {
          flow++;
          if (indents.length + 2 * flow > limit) return p;
          p++;
          nodeStart = false;
          continue;
        }
        if (c === 0x22 || c === 0x27) {
          // A quoted scalar, possibly over several lines: skip it.
          p = skipQuoted(text, p);
          if (p > eol) {
            eol = text.indexOf('\n', p);
            if (eol < 0) eol = n;
          }
          nodeStart = false;
          continue;
        }
      }
      if (flow > 0 && (c === 0x5d || c === 0x7d)) {
        flow--;
        p++;
        continue;
      }
      if (flow === 0 && nodeStart && (c === 0x7c || c === 0x3e)) {
        // | or >: the more-indented lines after this one are the scalar's body.
        blockScalarIndent = indent;
        break;
      }
      if (
        flow === 0 &&
        (c === 0x2d || c === 0x3f || c === 0x3a) &&
        isBlank(next) &&
        (c === 0x3a || nodeStart)
      ) {
        // A - ? : indicator opens a node at the column of what follows it.
        let q = p + 1;
        while (q < eol && (text.charCodeAt(q) === SPACE || text.charCodeAt(q) === TAB)) q++;
        indents.push(q - i);
        if (indents.length > limit) return p;
        p = q;
        nodeStart = true;
        continue;
      }
      nodeStart = flow > 0 && (c === 0x2c || c === 0x3a);
      p++;
    }
    i = eol + 1;
  }
  return -1;
}

/** The offset just after the quoted scalar starting at `start` (or the end of the text). */
function skipQuoted(text: string, start: number): number {
  const quote = text.charCodeAt(start);
  const n = text.length;
  for (let p = start + 1; p < n; p++) {
    const c = text.charCodeAt(p);
    if (quote === 0x22 && c === 0x5c) p++;
    else if (c === quote) {
      if (quote === 0x27 && text.charCodeAt(p + 1) === 0x27) p++;
      else return p + 1;
    }
  }
  return n;
}
