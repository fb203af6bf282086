/**
 * Templated ECS files. ecspresso renders Go templates (`{{ must_env `X` }}`, `{{ tfstate `...` }}`,
 * `{{ env "X" "default" }}`) before it reads a definition, other pipelines substitute `${VAR}` or
 * `{{placeholder}}`, and Copilot substitutes `${VAR}` from the environment. Such an expression is not
 * a syntax error and its rendered value is unknown, so no type or enum rule may judge it.
 *
 * Before parsing, every `{{ ... }}` is masked with text of the same length that the parser accepts
 * (offsets stay exact): inside a string only the characters that would end it change; as a bare value
 * the expression becomes a string literal. The spans are kept so features can tell templated values.
 */

/** A span of text: offset and length. */
export interface TextSpan {
  readonly offset: number;
  readonly length: number;
}

/** Text ready for a strict parser, and where the template expressions were. */
export interface MaskedText {
  readonly text: string;
  readonly spans: readonly TextSpan[];
}

const OPEN = '{{';
const CLOSE = '}}';

/** Characters that cannot stay inside a masked expression (they would end or break the string). */
function neutral(c: string): string {
  if (c === '"') return "'";
  if (c === '\\') return '/';
  if (c < ' ') return ' ';
  return c;
}

/** Template actions that produce no value: `{{- if .X }}`, `{{ end }}`, `{{ range ... }}`, template comments. */
const CONTROL = /^\{\{-?\s*(?:if|else|end|range|with|define|block|template|break|continue|\/\*)(?![\w.])/;

/** True when the expression at `start` (ending at `end`) is a control action. */
function isControl(text: string, start: number, end: number): boolean {
  return CONTROL.test(text.slice(start, end));
}

/** The end (exclusive) of the template expression opening at `start`, or -1 when it is not closed. */
function closeOf(text: string, start: number): number {
  const end = text.indexOf(CLOSE, start + OPEN.length);
  return end < 0 ? -1 : end + CLOSE.length;
}

/**
 * Masks Go-template expressions in JSON text. Inside a string, quotes and backslashes of the
 * expression are neutralised; a bare expression (`"desiredCount": {{ must_env `N` }}`) becomes a
 * string literal of the same length.
 */
export function maskJsonTemplates(text: string): MaskedText {
  if (!text.includes(OPEN)) return { text, spans: [] };
  const spans: TextSpan[] = [];
  let out = '';
  let inString = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (c === '{' && text[i + 1] === '{') {
      const end = closeOf(text, i);
      if (end > 0) {
        const inner = [...text.slice(i, end)].map(neutral).join('');
        if (inString) out += inner;
        // A control action outside strings stands for no value: blank it (newlines kept).
        else if (isControl(text, i, end)) out += inner.replace(/[^\n]/g, ' ');
        else out += `"${inner.slice(1, -1)}"`;
        spans.push({ offset: i, length: end - i });
        i = end;
        continue;
      }
    }
    if (inString && c === '\\') {
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '"') inString = !inString;
    out += c;
    i++;
  }
  return { text: out, spans };
}

/**
 * Masks Go-template expressions in YAML text. Inside a scalar (`image: repo:{{ .Tag }}`) YAML accepts
 * them as they are; an expression that starts a value (`name: {{.Name}}`) would read as a flow
 * mapping, so its first brace is replaced and the value stays a plain scalar.
 */
export function maskYamlTemplates(text: string): MaskedText {
  if (!text.includes(OPEN)) return { text, spans: [] };
  const spans: TextSpan[] = [];
  const chars = text.split('');
  let search = 0;
  for (;;) {
    const start = text.indexOf(OPEN, search);
    if (start < 0) break;
    const end = closeOf(text, start);
    if (end < 0) break;
    spans.push({ offset: start, length: end - start });
    // Starts a value when only blanks, `- ` or `key:` precede it on its line.
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const before = text.slice(lineStart, start);
    const lineEnd = text.indexOf('\n', end);
    const after = text.slice(end, lineEnd < 0 ? text.length : lineEnd);
    const restBlank = /^\s*(?:#.*)?$/.test(after.replace(/\{\{[^]*?\}\}/g, ''));
    if (/^\s*$/.test(before) && restBlank && isControl(text, start, end)) {
      // A control action on its own line (`{{- if .X }}`) reads as a comment.
      chars[start] = '#';
      for (let k = start; k < end; k++) if ((chars[k] ?? '') === '\n') chars[k] = ' ';
    } else if (isControl(text, start, end) && /:\s+$/.test(before) && restBlank) {
      // `key: {{ range ... }}`: the action yields no value, the block below is the value.
      for (let k = start; k < end; k++) if ((chars[k] ?? '') !== '\n') chars[k] = ' ';
    } else if (/^\s*(?:-\s+)*(?:[^\s#'"][^#]*?:\s+)?(?:-\s+)*$/.test(before) || /[[,{]\s*$/.test(before)) {
      chars[start] = '_';
      chars[start + 1] = '_';
      for (let k = start; k < end; k++) if ((chars[k] ?? '') === '\n') chars[k] = ' ';
    }
    search = end;
  }
  return { text: spans.length > 0 ? chars.join('') : text, spans };
}

/** True when `[offset, offset + length)` overlaps a template span. */
export function overlapsTemplate(
  spans: readonly TextSpan[] | undefined,
  offset: number,
  length: number,
): boolean {
  if (!spans || spans.length === 0) return false;
  for (const s of spans) {
    if (s.offset < offset + length && offset < s.offset + s.length) return true;
  }
  return false;
}

/** `${VAR}` (Copilot, envsubst, CloudFormation Sub) in a string value. */
const SUBSTITUTION = /\$\{[^}]*\}/;

/** True when a string value is (or contains) a substitution whose rendered value is unknown. */
export function hasSubstitution(value: string): boolean {
  return SUBSTITUTION.test(value) || value.includes(OPEN);
}

// ---- placeholders: template holes of any pipeline --------------------------------------------------

/**
 * Template holes that pipelines fill before a file reaches ECS: `${VAR}` (envsubst, CloudFormation,
 * Terraform), `$VAR` and `$$$VAR$$$` (sed scripts, the ECS agent's tests), `{{ … }}` (Go templates,
 * mustache), `#{…}` (Octopus, Ruby), `<TASK_NAME>`, `__VAR__`, `%VAR%`, `{INSERT …}` and the sample
 * words `YOUR_ACCOUNT_ID`, `REPLACE_ME`, `INSERT_…`, `CHANGE_ME`. A value holding one is unknown until
 * rendered: no rule may judge it as a bad ARN, name or number.
 */
const PLACEHOLDER =
  /\$\{[^}]*\}|\$\$*[A-Za-z_][A-Za-z0-9_]*|\{\{[^]*?\}\}|#\{[^}]*\}|<[A-Za-z_][A-Za-z0-9_ .:/-]*>|__[A-Za-z][A-Za-z0-9_]*__|%[A-Za-z_][A-Za-z0-9_]*%|\{(?:INSERT|YOUR|REPLACE|ENTER)\b[^}]*\}|^<[A-Za-z][^>]*$|<\+[^>]*>|\b(?:YOUR|REPLACE|INSERT|CHANGE)_?[A-Z0-9_]*\b|\byour[-_][a-z0-9-_]+/;

/** True when a string value is, or contains, a template hole (its rendered value is unknown). */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value);
}

/** Bare template holes where a JSON value stands (`"family": $NAME`, `"hostPort": <PORT>`). */
const MAY_HOLD_HOLE = /[$<#%]|__/;
const BARE_HOLE =
  /^(?:<\+[^>\n]*>|\$\{[^}\n]*\}|\$+[A-Za-z_][A-Za-z0-9_]*\$*|<[A-Za-z_][A-Za-z0-9_ .:-]*>|#\{[^}\n]*\}|%[A-Za-z_][A-Za-z0-9_]*%|__[A-Za-z][A-Za-z0-9_]*__)/;

/**
 * Masks bare template holes outside strings as string literals of the same length (offsets stay
 * exact), so a templated file parses and the rest of it can be checked. Valid JSON never has one, so
 * the parser calls this only after strict parsing failed.
 */
export function maskBarePlaceholders(text: string): MaskedText {
  const spans: TextSpan[] = [];
  // Every hole starts with one of these (`_` holes with `__`); most texts have none at all, and a
  // native search says so faster than the scan below.
  if (!MAY_HOLD_HOLE.test(text)) return { text, spans };
  let out = '';
  let last = 0;
  let inString = false;
  // Open brackets, and the last significant character: a hole right after `{` or `,` in an object
  // stands for whole members (`$$$$START_PERIOD$$$$` on its own line) and is blanked, not quoted.
  const open: number[] = [];
  let previous = -1;
  // Character codes, not one-character strings: this scans every broken document on every edit.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash
      else if (c === 0x22 || c === 0x0a) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      previous = c;
      continue;
    }
    if (c === 0x7b || c === 0x5b) open.push(c);
    else if (c === 0x7d || c === 0x5d) open.pop();
    // A hole starts with `$`, `<`, `#`, `%` or `_`.
    if (c !== 0x24 && c !== 0x3c && c !== 0x23 && c !== 0x25 && c !== 0x5f) {
      if (c > 0x20) previous = c;
      continue;
    }
    const m = BARE_HOLE.exec(text.slice(i, i + 200));
    if (!m) continue;
    const hole = m[0];
    const members = open[open.length - 1] === 0x7b && (previous === 0x7b || previous === 0x2c);
    out +=
      text.slice(last, i) +
      (members ? ' '.repeat(hole.length) : `"${[...hole.slice(1, -1)].map(neutral).join('')}"`);
    if (!members) previous = 0x22;
    spans.push({ offset: i, length: hole.length });
    i += hole.length - 1;
    last = i + 1;
  }
  if (spans.length === 0) return { text, spans };
  return { text: out + text.slice(last), spans };
}
