/**
 * The cluster query language of `memberOf` placement constraints and ListContainerInstances filters
 * ("Create expressions to define container instances for Amazon ECS tasks"): parsing an expression
 * into comparisons joined by `and`/`or`, and the `*` wildcards of its values. Placement
 * (placement.ts) evaluates the parsed expressions against container instances.
 */
import { invalidParameter } from '../../protocol/errors';

export type Cmp = { target: string; op: string; values: string[] };
export type Expr = { kind: 'cmp'; cmp: Cmp } | { kind: 'and' | 'or'; parts: Expr[] };

const OPS = [
  'not_exists',
  '!exists',
  'exists',
  'not_equals',
  'equals',
  'not_in',
  'not in',
  'in',
  'not_matches',
  'matches',
  '==',
  '!=',
  '>=',
  '<=',
  '=~',
  '!~',
  '>',
  '<',
];

function splitWord(text: string, word: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  const re = new RegExp(`^\\s+${word}\\s+`, 'i');
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0 && /\s/.test(ch ?? '')) {
      const m = re.exec(text.slice(i));
      if (m) {
        parts.push(text.slice(start, i));
        i += m[0].length - 1;
        start = i + 1;
      }
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

/**
 * Parses a cluster query language expression ("Create expressions to define container instances
 * for Amazon ECS tasks"): `attribute:ecs.instance-type == t3.micro`, `attribute:ecs.availability-zone
 * in [us-east-1a, us-east-1b]`, `ec2InstanceId`, `agentConnected`, `runningTasksCount`, `task:group`,
 * with `and`, `or` and parentheses.
 */
export function parseExpression(text: string): Expr {
  const ors = splitWord(text.trim(), 'or');
  if (ors.length > 1) return { kind: 'or', parts: ors.map(parseExpression) };
  const ands = splitWord(text.trim(), 'and');
  if (ands.length > 1) return { kind: 'and', parts: ands.map(parseExpression) };
  const t = text.trim();
  if (t.startsWith('(') && t.endsWith(')')) return parseExpression(t.slice(1, -1));
  const m = /^(\S+)\s+(.*)$/s.exec(t);
  const target = m?.[1];
  const rest = m?.[2]?.trim() ?? '';
  const op = OPS.find((o) => rest.toLowerCase().startsWith(o));
  if (!target || !op) throw invalidParameter(`Invalid placement constraint expression: ${text}`);
  const raw = rest.slice(op.length).trim();
  let values: string[];
  if (raw.startsWith('[') && raw.endsWith(']'))
    values = raw
      .slice(1, -1)
      .split(',')
      .map((v) => v.trim().replace(/^['"](.*)['"]$/, '$1'))
      .filter((v) => v !== '');
  else values = raw === '' ? [] : [raw.replace(/^['"](.*)['"]$/, '$1')];
  if (!op.includes('exists') && values.length === 0)
    throw invalidParameter(`Invalid placement constraint expression: ${text}`);
  return { kind: 'cmp', cmp: { target, op: op.replace(' ', '_'), values } };
}

export function wildcard(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}
