/**
 * Key completion shared by every JSON kind (task definitions, service definitions): the members a
 * structure of the model still allows in an object, each with the text it inserts — the key alone
 * when the colon is already there, else the key and a value placeholder fitting the member's shape —
 * its shape, its docs and a link to the API reference. Each kind adds its own items around these.
 */
import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import { describeShape, memberLink } from './schema/model';
import type { Member, Shape, StructureShape } from './schema/types';

/** The word around `offset` made of characters `word` matches (a key or value typed without quotes). */
export function wordAt(text: string, offset: number, word: RegExp): { start: number; end: number } {
  let start = offset;
  while (start > 0 && word.test(text[start - 1] ?? '')) start--;
  let end = offset;
  while (end < text.length && word.test(text[end] ?? '')) end++;
  return { start, end };
}

export function choiceEscape(text: string): string {
  return text.replace(/[$}\\|,]/g, '\\$&');
}

/** Value placeholders of the shapes whose placeholder depends on their kind alone. */
const KIND_PLACEHOLDERS: Readonly<Record<Exclude<Shape['kind'], 'enum'>, string>> = {
  string: '"$1"',
  number: '${1:0}',
  boolean: '${1|true,false|}',
  array: '[$1]',
  map: '{$1}',
  ref: '{$1}',
  any: '$1',
};

/** The value part of `"key": …` inserted with a key: a placeholder that fits the member's shape. */
export function valuePlaceholder(shape: Shape): string {
  return shape.kind === 'enum'
    ? `"\${1|${shape.values.map(choiceEscape).join(',')}|}"`
    : KIND_PLACEHOLDERS[shape.kind];
}

/** One member key to offer. */
export interface KeyCompletion {
  readonly member: Member;
  /** The key, quoted (also what the editor filters on: the edit replaces the quotes). */
  readonly key: string;
  readonly newText: string;
  readonly detail: string;
  readonly documentation: MarkupContent;
}

/** The members of `structure` not in `present`, in model order. */
export function memberKeyCompletions(
  structure: StructureShape,
  present: ReadonlySet<string>,
  keyOnly: boolean,
): KeyCompletion[] {
  const out: KeyCompletion[] = [];
  for (const member of Object.values(structure.members)) {
    if (present.has(member.name)) continue;
    const key = JSON.stringify(member.name);
    out.push({
      member,
      key,
      newText: keyOnly ? key : `${key}: ${valuePlaceholder(member.shape)}`,
      detail: `${describeShape(member.shape)}${member.required ? ' (required)' : ''}`,
      documentation: {
        kind: MarkupKind.Markdown,
        value: `${member.doc}\n\n[API reference](${memberLink(structure.name, member.name)})`,
      },
    });
  }
  return out;
}
