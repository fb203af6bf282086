/**
 * Values that may be secrets never appear in diagnostic messages: CI logs (ecs-lint output, SARIF
 * uploads) are read by many people and kept for long. A rule may quote a value it judges (`valueFrom
 * "…" is not a secret reference`, `must be a string, not the number 1234`); where that value is a
 * secret reference or an environment value, the quote is replaced by `<redacted>` here, once for every
 * rule, so a new rule cannot leak one by accident.
 */
import type { Node } from 'jsonc-parser';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { EcsDocument } from './core/ecsDocument';
import { items, propertyValue } from './core/jsonNodes';

const REDACTED = '<redacted>';

/** The nodes of secret-ish values: secrets[].valueFrom, secretOptions[].valueFrom, environment[].value. */
function secretValueNodes(root: Node | undefined): Node[] {
  const nodes: Node[] = [];
  const add = (node: Node | undefined): void => {
    if (node && node.type !== 'object' && node.type !== 'array') nodes.push(node);
  };
  // A task definition, or describe-task-definition output that wraps one.
  const task = propertyValue(root, 'taskDefinition') ?? root;
  for (const container of items(propertyValue(task, 'containerDefinitions'))) {
    for (const s of items(propertyValue(container, 'secrets'))) add(propertyValue(s, 'valueFrom'));
    const options = propertyValue(propertyValue(container, 'logConfiguration'), 'secretOptions');
    for (const s of items(options)) add(propertyValue(s, 'valueFrom'));
    for (const e of items(propertyValue(container, 'environment'))) add(propertyValue(e, 'value'));
  }
  return nodes;
}

/** How a message may quote `value`: JSON-quoted (whole or cut at 40 characters), plain-quoted, bare. */
function quotations(value: unknown): string[] {
  // true, false and null are not secrets, and would match ordinary words.
  if (typeof value !== 'string' && typeof value !== 'number') return [];
  const text = String(value);
  const json = JSON.stringify(text);
  const forms = new Set([json, `"${text}"`, `\`${text}\``, json.slice(0, 40)]);
  // A bare value is replaced only when it is long enough not to match ordinary words of the message.
  if (text.length >= 4) forms.add(text);
  return [...forms].filter((f) => f.length > 2).sort((a, b) => b.length - a.length);
}

/** `diagnostics` with every quotation of a secret-ish value they point at replaced by `<redacted>`. */
export function redactSecretValues(doc: EcsDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  const nodes = secretValueNodes(doc.json.root);
  if (nodes.length === 0) return diagnostics;
  const td = doc.textDocument;
  return diagnostics.map((d) => {
    if (typeof d.message !== 'string') return d;
    const start = td.offsetAt(d.range.start);
    const end = td.offsetAt(d.range.end);
    let message = d.message;
    for (const node of nodes) {
      if (node.offset >= end || node.offset + node.length <= start) continue;
      for (const form of quotations(node.value)) message = message.split(form).join(REDACTED);
    }
    return message === d.message ? d : { ...d, message };
  });
}
