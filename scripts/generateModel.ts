/**
 * Generates the ECS shape model (server/src/service/core/schema/generated/ecsModel.json) from the typed API
 * model that `@aws-sdk/client-ecs` ships in `dist-types/models/*.d.ts`: interfaces become structures,
 * members without `?` are required, enum literal unions become enums, and the JSDoc HTML becomes
 * Markdown for hover. Run by `npm run generate:model` (and by `npm run build`), so the model follows
 * the installed SDK and a new API member cannot go unnoticed.
 *
 * Usage: node generateModel.js [--check] [--out FILE]
 *   --check  exit 1 when the committed model differs from what the installed SDK produces.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { Member, Model, Shape, StructureShape } from '../server/src/service/core/schema/types';

/** Document kinds and the API shape each starts from. */
export const ROOTS: Readonly<Record<string, string>> = {
  taskDefinition: 'RegisterTaskDefinitionRequest',
  taskDefinitionDescribeOutput: 'DescribeTaskDefinitionResponse',
  createService: 'CreateServiceRequest',
  updateService: 'UpdateServiceRequest',
};

const projectRoot = path.resolve(__dirname, '..', '..');
const defaultOut = path.join(
  projectRoot,
  'server',
  'src',
  'service',
  'core',
  'schema',
  'generated',
  'ecsModel.json',
);

/** The SDK's model declaration files and its version. */
export function sdkModelFiles(root = projectRoot): { files: string[]; version: string } {
  const pkgDir = path.dirname(require.resolve('@aws-sdk/client-ecs/package.json', { paths: [root] }));
  const dir = path.join(pkgDir, 'dist-types', 'models');
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^(models_\d+|enums)\.d\.ts$/.test(f))
    .sort()
    .map((f) => path.join(dir, f));
  const version = (
    JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  return { files, version };
}

// ---- JSDoc HTML → Markdown -------------------------------------------------------------------------

const entities: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return entities[name.toLowerCase()] ?? whole;
  });
}

/** Converts the API reference's HTML subset (p, code, a, ul/ol/li, b, i, note, important, dl) to Markdown. */
export function htmlToMarkdown(html: string): string {
  let md = html;
  md = md.replace(/<a\s+href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/gi, (_m, href: string, text: string) => {
    const label = text.replace(/<[^>]+>/g, '').trim();
    return href ? `[${label || href}](${href})` : label;
  });
  md = md.replace(/<code>([\s\S]*?)<\/code>/gi, (_m, code: string) => {
    const inner = code.replace(/<[^>]+>/g, '');
    return inner.includes('`') ? `\`\` ${inner} \`\`` : `\`${inner}\``;
  });
  md = md.replace(/<\/?(b|strong)>/gi, '**');
  md = md.replace(/<\/?(i|em)>/gi, '*');
  md = md.replace(/<note>/gi, '\n\n> **Note:** ').replace(/<\/note>/gi, '\n\n');
  md = md.replace(/<important>/gi, '\n\n> **Important:** ').replace(/<\/important>/gi, '\n\n');
  // `<li> <p>text</p> </li>`: the paragraph inside a list item must not break the item.
  md = md.replace(/<li>\s*<p>/gi, '<li>').replace(/<\/p>\s*<\/li>/gi, '</li>');
  md = md.replace(/<li>/gi, '\n- ').replace(/<\/li>/gi, '');
  md = md.replace(/<\/?(ul|ol|dl)>/gi, '\n\n');
  md = md.replace(/<dt>/gi, '\n\n**').replace(/<\/dt>/gi, '**');
  md = md.replace(/<dd>/gi, '\n\n').replace(/<\/dd>/gi, '');
  md = md.replace(/<p>/gi, '\n\n').replace(/<\/p>/gi, '\n\n');
  md = md.replace(/<br\s*\/?>/gi, '\n');
  md = md.replace(/<\/?[a-z][^>]*>/gi, '');
  md = decodeEntities(md);
  // Tidy whitespace: no blank-line runs, no spaces around line breaks, list items stay tight.
  md = md
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n- \n/g, '\n- ')
    .replace(/^- (\*\*Note:\*\*|> )/gm, '- $1')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/(\n- [^\n]*)\n\n(?=- )/g, '$1\n')
    .replace(/^> \*\*(Note|Important):\*\*\s*\n+/gm, '> **$1:** ')
    .trim();
  // Lists come out with blank lines between items after the paragraph pass; join them.
  let prev = '';
  while (prev !== md) {
    prev = md;
    md = md.replace(/(\n- [^\n]*)\n\n- /g, '$1\n- ');
  }
  return md;
}

// ---- TypeScript declarations → shapes ----------------------------------------------------------------

function jsDocText(node: ts.Node): string {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  if (!docs?.length) return '';
  const comment = docs[docs.length - 1]?.comment;
  const text = typeof comment === 'string' ? comment : (comment?.map((c) => c.text).join('') ?? '');
  return htmlToMarkdown(text);
}

interface Declarations {
  readonly interfaces: Map<string, ts.InterfaceDeclaration>;
  readonly enums: Map<string, string[]>;
  /** Tagged unions (`export declare namespace X { interface AMember {...} }`): exactly one member is set. */
  readonly unions: Map<string, { decl: ts.TypeAliasDeclaration; variants: ts.InterfaceDeclaration[] }>;
}

function collectDeclarations(files: readonly string[]): Declarations {
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const enums = new Map<string, string[]>();
  const unionAliases = new Map<string, ts.TypeAliasDeclaration>();
  const namespaces = new Map<string, ts.ModuleDeclaration>();
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement)) interfaces.set(statement.name.text, statement);
      if (ts.isTypeAliasDeclaration(statement) && statement.type.getText().includes('$UnknownMember')) {
        unionAliases.set(statement.name.text, statement);
      }
      if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
        namespaces.set(statement.name.text, statement);
      }
      // `export declare const NetworkMode: { readonly AWSVPC: "awsvpc"; ... }` holds the enum's values.
      if (ts.isVariableStatement(statement)) {
        for (const decl of statement.declarationList.declarations) {
          if (!ts.isIdentifier(decl.name) || !decl.type || !ts.isTypeLiteralNode(decl.type)) continue;
          const values: string[] = [];
          for (const member of decl.type.members) {
            if (
              ts.isPropertySignature(member) &&
              member.type &&
              ts.isLiteralTypeNode(member.type) &&
              ts.isStringLiteral(member.type.literal)
            ) {
              values.push(member.type.literal.text);
            }
          }
          if (values.length) enums.set(decl.name.text, values);
        }
      }
    }
  }
  const unions: Declarations['unions'] = new Map();
  for (const [name, decl] of unionAliases) {
    const body = namespaces.get(name)?.body;
    const variants =
      body && ts.isModuleBlock(body)
        ? body.statements.filter(
            (s): s is ts.InterfaceDeclaration =>
              ts.isInterfaceDeclaration(s) &&
              s.name.text.endsWith('Member') &&
              s.name.text !== '$UnknownMember',
          )
        : [];
    unions.set(name, { decl, variants });
  }
  return { interfaces, enums, unions };
}

class ModelBuilder {
  readonly structures = new Map<string, StructureShape>();
  private readonly pending: string[] = [];

  constructor(private readonly decls: Declarations) {}

  add(root: string): void {
    this.pending.push(root);
    while (this.pending.length) {
      const name = this.pending.pop() ?? '';
      if (this.structures.has(name)) continue;
      const union = this.decls.unions.get(name);
      if (union) {
        this.structures.set(name, this.union(name, union.decl, union.variants));
        continue;
      }
      const decl = this.decls.interfaces.get(name);
      if (!decl) throw new Error(`interface ${name} not found in the SDK model`);
      this.structures.set(name, this.structure(name, decl));
    }
  }

  private structure(name: string, decl: ts.InterfaceDeclaration): StructureShape {
    const members: Record<string, Member> = {};
    for (const m of decl.members) {
      if (!ts.isPropertySignature(m) || !m.type) continue;
      const memberName = m.name.getText();
      members[memberName] = {
        name: memberName,
        required: !m.questionToken,
        shape: this.shape(m.type, `${name}.${memberName}`),
        doc: jsDocText(m),
      };
    }
    return { name, doc: jsDocText(decl), members };
  }

  /** A tagged union becomes a structure whose members are all optional, flagged `union`. */
  private union(
    name: string,
    decl: ts.TypeAliasDeclaration,
    variants: ts.InterfaceDeclaration[],
  ): StructureShape {
    const members: Record<string, Member> = {};
    for (const variant of variants) {
      for (const m of variant.members) {
        if (!ts.isPropertySignature(m) || !m.type || m.type.kind === ts.SyntaxKind.NeverKeyword) continue;
        const memberName = m.name.getText();
        if (memberName === '$unknown') continue;
        members[memberName] = {
          name: memberName,
          required: false,
          shape: this.shape(m.type, `${name}.${memberName}`),
          doc: jsDocText(variant),
        };
      }
    }
    return { name, doc: jsDocText(decl), members, union: true };
  }

  private shape(node: ts.TypeNode, where: string): Shape {
    if (ts.isParenthesizedTypeNode(node)) return this.shape(node.type, where);
    if (ts.isUnionTypeNode(node)) {
      const parts = node.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
      const [only] = parts;
      if (parts.length === 1 && only) return this.shape(only, where);
      throw new Error(`unsupported union at ${where}: ${node.getText()}`);
    }
    if (ts.isArrayTypeNode(node)) return { kind: 'array', items: this.shape(node.elementType, where) };
    switch (node.kind) {
      case ts.SyntaxKind.StringKeyword:
        return { kind: 'string' };
      case ts.SyntaxKind.NumberKeyword:
        return { kind: 'number' };
      case ts.SyntaxKind.BooleanKeyword:
        return { kind: 'boolean' };
      case ts.SyntaxKind.AnyKeyword:
      case ts.SyntaxKind.UnknownKeyword:
        return { kind: 'any' };
    }
    if (ts.isTypeReferenceNode(node)) {
      const ref = node.typeName.getText();
      const args = node.typeArguments ?? [];
      if (ref === 'Record' && args.length === 2 && args[1]) {
        return { kind: 'map', values: this.shape(args[1], where) };
      }
      // Timestamps (describe output) arrive as ISO strings or epoch numbers in JSON files.
      if (ref === 'Date') return { kind: 'any' };
      if (ref === '__DocumentType') return { kind: 'any' };
      const values = this.decls.enums.get(ref);
      if (values) return { kind: 'enum', name: ref, values };
      if (this.decls.interfaces.has(ref) || this.decls.unions.has(ref)) {
        this.pending.push(ref);
        return { kind: 'ref', name: ref };
      }
    }
    throw new Error(`unsupported type at ${where}: ${node.getText()}`);
  }
}

/** Builds the model from the installed SDK. */
export function generateModel(root = projectRoot): Model {
  const { files, version } = sdkModelFiles(root);
  const builder = new ModelBuilder(collectDeclarations(files));
  for (const name of Object.values(ROOTS)) builder.add(name);
  const structures: Record<string, StructureShape> = {};
  for (const name of [...builder.structures.keys()].sort()) {
    const s = builder.structures.get(name);
    if (s) structures[name] = s;
  }
  return { sdkVersion: version, roots: ROOTS, structures };
}

function main(argv: string[]): number {
  const check = argv.includes('--check');
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? path.resolve(argv[outIndex + 1] ?? defaultOut) : defaultOut;
  const text = `${JSON.stringify(generateModel(), null, 1)}\n`;
  const current = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  if (check) {
    if (current !== text) {
      console.error(`${path.relative(projectRoot, out)} is out of date: run npm run generate:model`);
      return 1;
    }
    return 0;
  }
  if (current !== text) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, text);
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
