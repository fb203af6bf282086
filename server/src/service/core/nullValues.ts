/**
 * `"key": null` in JSON definitions. Console exports and hand-edited files hold them; the ECS API
 * ignores a null member, ecspresso and Terraform drop it, but the AWS CLI validates its input first and
 * rejects it (`Invalid type for parameter X, value: None`). Every rule reads a null as "absent"
 * (core/absent.ts, the model checker's `cliUnsetValues`), and this check says the one true thing about
 * it, once per null: ECS004, a warning for files the AWS CLI reads, a hint for ecspresso files (the
 * per-code severity setting overrides both). Its quick fix removes every null member of the file.
 */
import type { Node } from 'jsonc-parser';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentConsumer } from './consumer';
import { makeDiagnostic } from './diagnostic';
import type { JsonPath } from './properties';

/** Every `"key": null` member below `root`, with its JSON path (array items are left alone). */
export function nullMembers(root: Node | undefined): { property: Node; key: string; path: JsonPath }[] {
  const out: { property: Node; key: string; path: JsonPath }[] = [];
  const walk = (node: Node, path: JsonPath): void => {
    if (node.type === 'object') {
      for (const p of node.children ?? []) {
        const key = p.children?.[0];
        const value = p.children?.[1];
        if (typeof key?.value !== 'string' || !value) continue;
        if (value.type === 'null') out.push({ property: p, key: key.value, path: [...path, key.value] });
        else walk(value, [...path, key.value]);
      }
    } else if (node.type === 'array') {
      (node.children ?? []).forEach((item, i) => walk(item, [...path, i]));
    }
  };
  if (root) walk(root, []);
  return out;
}

/** One ECS004 per null member. */
export function nullValueDiagnostics(
  document: TextDocument,
  root: Node | undefined,
  consumer: DocumentConsumer,
): Diagnostic[] {
  const ecspresso = consumer === 'ecspresso';
  return nullMembers(root).map(({ property, key, path }) => {
    const message = ecspresso
      ? `\`${key}\` is null: ecspresso drops null values, so it is as if \`${key}\` were absent; remove it to say so.`
      : `\`${key}\` is null: the ECS API ignores it, but the AWS CLI rejects the file (Invalid type for parameter ${key}, value: None). Remove it (or every null at once).`;
    const d = makeDiagnostic(
      document,
      property.offset,
      property.length,
      'ECS004',
      message,
      ecspresso ? DiagnosticSeverity.Hint : DiagnosticSeverity.Warning,
    );
    d.data = { fix: 'removeNulls', path };
    return d;
  });
}
