import { invalidParameter } from '../protocol/errors';

/**
 * CloudWatch Logs filter patterns, as FilterLogEvents and StartLiveTail apply them:
 * - empty: every event;
 * - terms: `ERROR timeout` (all terms), `"exact phrase"`, `?ERROR ?WARN` (any of), `-DEBUG` (none of);
 *   terms are case-sensitive substrings;
 * - JSON: `{ $.level = "error" }`, `{ $.status >= 500 }`, `!=`, `&&`, `||`, `*` wildcards in strings.
 * - space-delimited: `[ip, user, ..., status=5*, size>1000]` over the message's fields (split on
 *   spaces; "quoted" and [bracketed] fields count as one), with `=`/`!=` (wildcard `*`), `<`, `>`,
 *   `<=`, `>=` and `...` for any number of fields.
 * - regular expressions between `%` signs: `%ERROR%`, `%5\d\d%`, standalone or as the value of a JSON
 *   or space-delimited comparison (`{ $.path = %^/api% }`, `[ip, status = %5\d\d%]`).
 */
export type EventMatcher = (message: string) => boolean;

export function compileFilterPattern(pattern: string | undefined): EventMatcher {
  const text = (pattern ?? '').trim();
  if (text === '') return () => true;
  const regexes = text.match(/%[^%]*%/g)?.length ?? 0;
  if (regexes > MAX_REGEX_PER_PATTERN) {
    throw invalidParameter(
      `Invalid filter pattern: at most ${MAX_REGEX_PER_PATTERN} regular expressions are allowed in a filter pattern.`,
    );
  }
  if (text.startsWith('{')) return compileJsonPattern(text);
  if (text.startsWith('[')) return compileSpaceDelimited(text);
  if (isRegexLiteral(text)) {
    const re = compileRegex(text);
    return (message) => re.test(message);
  }
  return compileTermPattern(text);
}

/**
 * Regular expressions, as "Supported regular expressions (regex) syntax" in the CloudWatch Logs user
 * guide ("Filter pattern syntax for metric filters, subscription filters, filter log events, and Live
 * Tail") allows them: surrounded by `%`; only letters, digits, the symbols `: _ # = @ / ; , -` and
 * the operators `^ $ ? [ ] { } | \ * + .`; no `(` `)` sub-patterns and no multibyte characters; at
 * most two per filter pattern for FilterLogEvents and Live Tail. Matching is case-sensitive and
 * unanchored (`^` / `$` anchor it).
 */
const MAX_REGEX_PER_PATTERN = 2;
const REGEX_BODY = /^[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+.]+$/;

function isRegexLiteral(text: string): boolean {
  return text.length >= 2 && text.startsWith('%') && text.endsWith('%');
}

function compileRegex(literal: string): RegExp {
  const body = literal.slice(1, -1);
  if (body === '') throw invalidParameter('Invalid filter pattern: empty regular expression.');
  if (!REGEX_BODY.test(body)) {
    throw invalidParameter(
      `Invalid filter pattern: the regular expression ${literal} contains characters CloudWatch Logs does not support (parentheses, multibyte characters and most symbols are not allowed).`,
    );
  }
  try {
    return new RegExp(body);
  } catch {
    throw invalidParameter(`Invalid filter pattern: ${literal} is not a valid regular expression.`);
  }
}

function tokenize(text: string): string[] {
  const out: string[] = [];
  const re = /([?-]?)"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of text.matchAll(re)) {
    if (m[2] !== undefined) out.push(`${m[1] ?? ''}\u0000${m[2].replace(/\\"/g, '"')}`);
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

function compileTermPattern(text: string): EventMatcher {
  const all: string[] = [];
  const any: string[] = [];
  const none: string[] = [];
  for (const raw of tokenize(text)) {
    const sign = raw[0] === '?' || raw[0] === '-' ? raw[0] : '';
    const term = (sign ? raw.slice(1) : raw).replace('\u0000', '');
    if (term === '') continue;
    if (sign === '?') any.push(term);
    else if (sign === '-') none.push(term);
    else all.push(term);
  }
  return (message) =>
    all.every((t) => message.includes(t)) &&
    (any.length === 0 || any.some((t) => message.includes(t))) &&
    !none.some((t) => message.includes(t));
}

type Comparison = { path: string[]; op: string; value: string | number | null | boolean; regex?: RegExp };
type Expr = { kind: 'cmp'; cmp: Comparison } | { kind: 'and' | 'or'; left: Expr; right: Expr };

function compileJsonPattern(text: string): EventMatcher {
  if (!text.endsWith('}')) throw invalidParameter('Invalid filter pattern: a JSON pattern must end with }.');
  const body = text.slice(1, -1).trim();
  const expr = parseOr(body);
  return (message) => {
    let doc: unknown;
    try {
      doc = JSON.parse(message);
    } catch {
      return false;
    }
    return evaluate(expr, doc);
  };
}

function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inString = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"' && text[i - 1] !== '\\') inString = !inString;
    if (inString) continue;
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth === 0 && text.startsWith(sep, i)) {
      parts.push(text.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

function parseOr(text: string): Expr {
  const parts = splitTop(text, '||');
  return parts.map(parseAnd).reduce((left, right) => ({ kind: 'or', left, right }));
}

function parseAnd(text: string): Expr {
  const parts = splitTop(text, '&&');
  return parts.map(parseAtom).reduce((left, right) => ({ kind: 'and', left, right }));
}

function parseAtom(text: string): Expr {
  const t = text.trim();
  if (t.startsWith('(') && t.endsWith(')')) return parseOr(t.slice(1, -1));
  const m = /^\$((?:\.[A-Za-z0-9_-]+|\[\d+\])+)\s*(=|!=|>=|<=|>|<)\s*(.+)$/.exec(t);
  if (!m?.[1] || !m[2] || m[3] === undefined)
    throw invalidParameter(`Invalid filter pattern: cannot parse "${t}".`);
  const path = [...m[1].matchAll(/\.([A-Za-z0-9_-]+)|\[(\d+)\]/g)].map((x) => x[1] ?? x[2] ?? '');
  const rawValue = m[3].trim();
  let value: Comparison['value'];
  if (isRegexLiteral(rawValue)) {
    if (m[2] !== '=' && m[2] !== '!=')
      throw invalidParameter('Invalid filter pattern: a regular expression needs = or !=.');
    return { kind: 'cmp', cmp: { path, op: m[2], value: rawValue, regex: compileRegex(rawValue) } };
  }
  if (rawValue.startsWith('"') && rawValue.endsWith('"')) value = rawValue.slice(1, -1);
  else if (rawValue === 'NULL') value = null;
  else if (rawValue === 'TRUE' || rawValue === 'true') value = true;
  else if (rawValue === 'FALSE' || rawValue === 'false') value = false;
  else if (!Number.isNaN(Number(rawValue))) value = Number(rawValue);
  else value = rawValue;
  return { kind: 'cmp', cmp: { path, op: m[2], value } };
}

function evaluate(expr: Expr, doc: unknown): boolean {
  if (expr.kind !== 'cmp') {
    return expr.kind === 'and'
      ? evaluate(expr.left, doc) && evaluate(expr.right, doc)
      : evaluate(expr.left, doc) || evaluate(expr.right, doc);
  }
  const { path, op, value, regex } = expr.cmp;
  let cur: unknown = doc;
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null) return false;
    cur = (cur as Record<string, unknown>)[key];
  }
  if (cur === undefined) return false;
  if (regex) {
    if (typeof cur !== 'string' && typeof cur !== 'number') return false;
    const hit = regex.test(String(cur));
    return op === '=' ? hit : !hit;
  }
  if (typeof value === 'number') {
    if (typeof cur !== 'number') return false;
    switch (op) {
      case '=':
        return cur === value;
      case '!=':
        return cur !== value;
      case '>':
        return cur > value;
      case '<':
        return cur < value;
      case '>=':
        return cur >= value;
      default:
        return cur <= value;
    }
  }
  if (typeof value === 'string') {
    if (typeof cur !== 'string') return false;
    const re = new RegExp(`^${value.split('*').map(escapeRegExp).join('.*')}$`);
    const eq = re.test(cur);
    return op === '=' ? eq : op === '!=' ? !eq : false;
  }
  const eq = cur === value;
  return op === '=' ? eq : op === '!=' ? !eq : false;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type FieldTest = { ellipsis: true } | { ellipsis: false; op?: string; value?: string; regex?: RegExp };

function compileSpaceDelimited(text: string): EventMatcher {
  if (!text.endsWith(']'))
    throw invalidParameter('Invalid filter pattern: a space-delimited pattern must end with ].');
  const fields: FieldTest[] = text
    .slice(1, -1)
    .split(',')
    .map((raw) => raw.trim())
    .map((raw) => {
      if (raw === '')
        throw invalidParameter('Invalid filter pattern: empty field in a space-delimited pattern.');
      if (raw === '...') return { ellipsis: true };
      const m = /^([A-Za-z0-9_$.-]+)\s*(!=|<=|>=|=|<|>)\s*(.+)$/.exec(raw);
      if (m?.[2] && m[3] !== undefined && isRegexLiteral(m[3].trim())) {
        if (m[2] !== '=' && m[2] !== '!=')
          throw invalidParameter('Invalid filter pattern: a regular expression needs = or !=.');
        return { ellipsis: false, op: m[2], value: m[3].trim(), regex: compileRegex(m[3].trim()) };
      }
      if (m?.[2] && m[3] !== undefined)
        return { ellipsis: false, op: m[2], value: m[3].replace(/^"(.*)"$/, '$1') };
      if (!/^[A-Za-z0-9_$.-]+$/.test(raw))
        throw invalidParameter(`Invalid filter pattern: cannot parse field "${raw}".`);
      return { ellipsis: false };
    });
  return (message) => matchFields(fields, 0, splitFields(message), 0, new Set());
}

function splitFields(message: string): string[] {
  const out: string[] = [];
  for (const m of message.matchAll(/"([^"]*)"|\[([^\]]*)\]|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

/** Backtracking over `...`, memoised on (field, token) so it stays O(fields × tokens). */
function matchFields(
  fields: readonly FieldTest[],
  fi: number,
  tokens: readonly string[],
  ti: number,
  failed: Set<number>,
): boolean {
  const key = fi * (tokens.length + 1) + ti;
  if (failed.has(key)) return false;
  const field = fields[fi];
  let ok: boolean;
  if (!field) ok = ti === tokens.length;
  else if (field.ellipsis) {
    ok = false;
    for (let skip = ti; skip <= tokens.length && !ok; skip++)
      ok = matchFields(fields, fi + 1, tokens, skip, failed);
  } else {
    const token = tokens[ti];
    ok =
      token !== undefined &&
      fieldMatches(field, token) &&
      matchFields(fields, fi + 1, tokens, ti + 1, failed);
  }
  if (!ok) failed.add(key);
  return ok;
}

function fieldMatches(field: { op?: string; value?: string; regex?: RegExp }, token: string): boolean {
  if (field.op === undefined || field.value === undefined) return true;
  if (field.regex) return field.regex.test(token) === (field.op === '=');
  const n = Number(field.value);
  if (['<', '>', '<=', '>='].includes(field.op)) {
    const t = Number(token);
    if (Number.isNaN(n) || Number.isNaN(t)) return false;
    return field.op === '<' ? t < n : field.op === '>' ? t > n : field.op === '<=' ? t <= n : t >= n;
  }
  const eq = new RegExp(`^${field.value.split('*').map(escapeRegExp).join('.*')}$`).test(token);
  return field.op === '=' ? eq : !eq;
}
