/**
 * The Copilot manifest model against Copilot's own manifest structs: every field path Copilot
 * accepts (test/fixtures/copilot/copilot-fields.json, read from the `yaml` tags of
 * aws/copilot-cli internal/pkg/manifest at a release tag by extract-copilot-fields.mjs) is known to
 * our model, in each of its forms, for every manifest type and its `environments.<env>` overrides;
 * and our model knows no field Copilot does not read, except the few listed with a reason.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { MANIFEST_FIELDS } from '../../../server/src/service/copilot/model';
import { MANIFEST_TYPES } from '../../../server/src/service/copilot/manifestTypes';
import { type CopilotField, type CopilotShape, formsOf } from '../../../server/src/service/copilot/schema';

interface CopilotFieldPath {
  readonly path: string;
  readonly forms: readonly string[];
}
interface CopilotFields {
  readonly tag: string;
  readonly manifests: Readonly<Record<string, { readonly fields: readonly CopilotFieldPath[] }>>;
}

const list = JSON.parse(
  fs.readFileSync(
    path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'copilot', 'copilot-fields.json'),
    'utf8',
  ),
) as CopilotFields;

/**
 * Paths our model knows that Copilot's structs do not, with the reason each is kept. Copilot ignores
 * unknown keys (yaml.v3 without KnownFields), so none of these breaks a deployment.
 */
const EXTRA_PATHS: Readonly<Record<string, string>> = {
  // Request-Driven Web Service only: RequestDrivenWebServiceHttpConfig has no path (rd_web_svc.go).
  'http.path':
    "Copilot's own e2e manifest e2e/apprunner/copilot/front-end/manifest.yml sets it on a Request-Driven Web Service; Copilot ignores it, so it is accepted without a finding.",
};

/** Forms our model accepts that Copilot's struct does not: `path form` → reason. */
const EXTRA_FORMS: Readonly<Record<string, string>> = {};

/** Our forms of a shape, in the vocabulary of the list. */
function ourForms(shape: CopilotShape): Set<string> {
  const out = new Set<string>();
  for (const f of formsOf(shape)) {
    switch (f.kind) {
      case 'object':
      case 'map':
        out.add('map');
        break;
      case 'list':
        out.add('list');
        break;
      case 'enum':
        out.add('string');
        break;
      default:
        out.add(f.kind);
    }
  }
  return out;
}

/** Whether our forms accept a Copilot form (a string field takes any scalar in yaml.v3). */
function accepts(ours: Set<string>, form: string): boolean {
  if (ours.has('any') || ours.has(form)) return true;
  if (form === 'int') return ours.has('number');
  if (form === 'string') return ours.has('duration');
  return false;
}

/** Every path of our model, with its shape. */
function ourPaths(
  fields: Readonly<Record<string, CopilotField>>,
  prefix = '',
  out = new Map<string, CopilotShape>(),
) {
  for (const [key, f] of Object.entries(fields)) {
    const p = prefix ? `${prefix}.${key}` : key;
    out.set(p, f.shape);
    children(f.shape, p, out);
  }
  return out;
}
function children(shape: CopilotShape, p: string, out: Map<string, CopilotShape>): void {
  for (const form of formsOf(shape)) {
    if (form.kind === 'object') ourPaths(form.fields, p, out);
    else if (form.kind === 'map') {
      out.set(`${p}.*`, form.values);
      children(form.values, `${p}.*`, out);
    } else if (form.kind === 'list') {
      out.set(`${p}[]`, form.items);
      children(form.items, `${p}[]`, out);
    }
  }
}

describe(`Copilot model against Copilot's manifest structs (${list.tag})`, () => {
  it('lists every manifest type', () => {
    assert.deepEqual(Object.keys(list.manifests).sort(), [...MANIFEST_TYPES].sort());
  });
  for (const type of MANIFEST_TYPES) {
    const copilot = list.manifests[type]?.fields ?? [];
    const ours = ourPaths(MANIFEST_FIELDS[type]);
    it(`${type}: every field Copilot accepts is known, in every form`, () => {
      const missing = copilot.filter((f) => !ours.has(f.path)).map((f) => f.path);
      assert.deepEqual(missing, [], `fields of ${type} missing from the model`);
      const wrongForms = copilot.flatMap((f) => {
        const shape = ours.get(f.path);
        if (!shape) return [];
        const mine = ourForms(shape);
        return f.forms.filter((form) => !accepts(mine, form)).map((form) => `${f.path} ${form}`);
      });
      assert.deepEqual(wrongForms, [], `forms of ${type} the model rejects`);
    });
    it(`${type}: no field or form Copilot does not accept, but the listed exceptions`, () => {
      const known = new Map(copilot.map((f) => [f.path, new Set(f.forms)]));
      const extra = [...ours.keys()].filter(
        (p) => !known.has(p) && !EXTRA_PATHS[p.replace(/^environments\.\*\./, '')],
      );
      assert.deepEqual(extra, [], `fields of the model that ${type} does not have`);
      const extraForms = [...ours].flatMap(([p, shape]) => {
        const theirs = known.get(p);
        if (!theirs) return [];
        return [...ourForms(shape)]
          .filter(
            (form) =>
              !theirs.has(form) && !(form === 'duration' && theirs.has('string')) && !theirs.has('any'),
          )
          .map((form) => `${p} ${form}`)
          .filter((k) => !EXTRA_FORMS[k.replace(/^environments\.\*\./, '')]);
      });
      assert.deepEqual(extraForms, [], `forms of the model that ${type} does not accept`);
    });
  }
  it('every field of every manifest type has documentation', () => {
    for (const type of MANIFEST_TYPES) {
      const undocumented: string[] = [];
      const walk = (fields: Readonly<Record<string, CopilotField>>, prefix: string): void => {
        for (const [key, f] of Object.entries(fields)) {
          const p = prefix ? `${prefix}.${key}` : key;
          if (f.doc.trim().length < 8) undocumented.push(p);
          for (const form of formsOf(f.shape)) {
            if (form.kind === 'object') walk(form.fields, p);
            if (form.kind === 'list')
              for (const item of formsOf(form.items)) if (item.kind === 'object') walk(item.fields, `${p}[]`);
            if (form.kind === 'map')
              for (const v of formsOf(form.values)) if (v.kind === 'object') walk(v.fields, `${p}.*`);
          }
        }
      };
      walk(MANIFEST_FIELDS[type], '');
      assert.deepEqual(undocumented, [], type);
    }
  });
});
