/**
 * The generated model against the installed SDK. The completeness check walks the SDK's declaration
 * files with the type checker (not the generator's syntactic walk), so the two must agree: every member
 * and every enum value reachable from the roots is in the model, and the committed model is what the
 * generator produces from the installed SDK today.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { generateModel, htmlToMarkdown, ROOTS, sdkModelFiles } from '../../../scripts/generateModel';
import {
  ecsModel,
  memberAt,
  shapeAt,
  structureAt,
  structureOf,
} from '../../../server/src/service/core/schema/model';

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');

/** Every `Structure.member` and `Enum=value` reachable from the roots, read through the type checker. */
function sdkInventory(): { members: Set<string>; enumValues: Set<string> } {
  const { files } = sdkModelFiles(projectRoot);
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const interfaces = new Map<string, ts.Type>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    for (const s of source.statements) {
      if (ts.isInterfaceDeclaration(s)) interfaces.set(s.name.text, checker.getTypeAtLocation(s));
    }
  }
  const members = new Set<string>();
  const enumValues = new Set<string>();
  const visited = new Set<string>();

  const visitType = (type: ts.Type, where: string): void => {
    const t = checker.getNonNullableType(type);
    if (checker.isArrayType(t)) {
      const [item] = checker.getTypeArguments(t as ts.TypeReference);
      if (item) visitType(item, where);
      return;
    }
    if (t.isUnion()) {
      const literals = t.types.filter((u) => u.isStringLiteral());
      if (literals.length === t.types.length) {
        const name = t.aliasSymbol?.name ?? where;
        for (const l of literals) enumValues.add(`${name}=${l.value}`);
        return;
      }
      // A tagged union: one structure named after the alias, with the members of every variant.
      const name = t.aliasSymbol?.name;
      if (name) visitStructure(name, t.types);
      return;
    }
    const index = t.getStringIndexType();
    if (index && t.getProperties().length === 0) {
      visitType(index, where);
      return;
    }
    const name = t.getSymbol()?.name;
    if (name && interfaces.has(name)) visitStructure(name, [t]);
  };

  const visitStructure = (name: string, types: readonly ts.Type[]): void => {
    if (visited.has(name)) return;
    visited.add(name);
    for (const t of types) {
      for (const prop of t.getProperties()) {
        if (prop.name === '$unknown') continue;
        const decl = prop.valueDeclaration ?? prop.declarations?.[0];
        if (!decl) continue;
        const propType = checker.getTypeOfSymbolAtLocation(prop, decl);
        if (checker.getNonNullableType(propType).flags & ts.TypeFlags.Never) continue;
        members.add(`${name}.${prop.name}`);
        visitType(propType, `${name}.${prop.name}`);
      }
    }
  };

  for (const root of Object.values(ROOTS)) {
    const type = interfaces.get(root);
    assert.ok(type, `root ${root} exists in the SDK`);
    visitStructure(root, [type]);
  }
  return { members, enumValues };
}

function modelInventory(): { members: Set<string>; enumValues: Set<string> } {
  const members = new Set<string>();
  const enumValues = new Set<string>();
  for (const s of Object.values(ecsModel.structures)) {
    for (const m of Object.values(s.members)) {
      members.add(`${s.name}.${m.name}`);
      let shape = m.shape;
      while (shape.kind === 'array' || shape.kind === 'map')
        shape = shape.kind === 'array' ? shape.items : shape.values;
      if (shape.kind === 'enum') for (const v of shape.values) enumValues.add(`${shape.name}=${v}`);
    }
  }
  return { members, enumValues };
}

describe('generated ECS model', () => {
  it('holds every member and enum value of the installed SDK reachable from the roots', () => {
    const sdk = sdkInventory();
    const model = modelInventory();
    assert.ok(sdk.members.size > 300, `the SDK walk found ${sdk.members.size} members`);
    assert.deepEqual(
      [...sdk.members].filter((m) => !model.members.has(m)),
      [],
      'members missing from the model: run npm run generate:model',
    );
    assert.deepEqual(
      [...sdk.enumValues].filter((v) => !model.enumValues.has(v)),
      [],
      'enum values missing from the model: run npm run generate:model',
    );
    // Nothing invented either.
    assert.deepEqual(
      [...model.members].filter((m) => !sdk.members.has(m)),
      [],
    );
  });

  it('is the committed file, regenerated from the installed SDK', () => {
    const committed = fs.readFileSync(
      path.join(projectRoot, 'server/src/service/core/schema/generated/ecsModel.json'),
      'utf8',
    );
    assert.equal(committed, `${JSON.stringify(generateModel(projectRoot), null, 1)}\n`);
  });

  it('knows current fields, required members and enum literals', () => {
    const register = structureOf('RegisterTaskDefinitionRequest');
    assert.ok(register);
    assert.equal(register.members.family?.required, true);
    assert.equal(register.members.containerDefinitions?.required, true);
    assert.equal(register.members.cpu?.shape.kind, 'string');
    assert.ok(register.members.enableFaultInjection);
    assert.deepEqual(shapeAt(['requiresCompatibilities', 0])?.shape, {
      kind: 'enum',
      name: 'Compatibility',
      values: ['EC2', 'EXTERNAL', 'FARGATE', 'MANAGED_INSTANCES'],
    });
    assert.ok(memberAt(['containerDefinitions', 0, 'restartPolicy']));
    assert.ok(memberAt(['containerDefinitions', 0, 'versionConsistency']));
    assert.equal(memberAt(['containerDefinitions', 0, 'portMappings', 0, 'hostPort'])?.shape.kind, 'number');
    assert.equal(structureAt(['containerDefinitions', 0, 'healthCheck'])?.members.command?.required, true);
    assert.equal(shapeAt(['containerDefinitions', 0, 'dockerLabels', 'x'])?.shape.kind, 'string');
    assert.equal(memberAt(['containerDefinitions', 'x']), undefined);
    assert.equal(memberAt(['toString']), undefined);
    assert.equal(
      memberAt(['taskDefinition', 'revision'], 'DescribeTaskDefinitionResponse')?.shape.kind,
      'number',
    );
    assert.ok(structureOf('CreateServiceRequest')?.members.serviceName?.required);
    assert.ok(structureOf('UpdateServiceRequest'));
    assert.equal(structureOf('SharingStrategy')?.union, true);
  });

  it('turns the API reference HTML into Markdown', () => {
    assert.equal(
      htmlToMarkdown(
        '<p>Use <code>awsvpc</code> on <b>Fargate</b>, see <a href="https://docs.aws.amazon.com/x.html">Task <i>networking</i></a>.</p> <ul> <li> <p>one &amp; two</p> </li> <li> <p>three</p> </li> </ul> <note> <p>Careful.</p> </note>',
      ),
      'Use `awsvpc` on **Fargate**, see [Task networking](https://docs.aws.amazon.com/x.html).\n\n- one & two\n- three\n\n> **Note:** Careful.',
    );
    const doc = memberAt(['networkMode'])?.doc ?? '';
    assert.match(doc, /`awsvpc`/);
    assert.doesNotMatch(doc, /<\/?p>|<code>/);
  });
});
