// Fails when the project's TypeScript modules import each other in a cycle. Cycles hide the
// layering (a view that imports its command that imports the view) and make load order fragile,
// so `npm run lint` runs this over every source root. Type-only imports count too: a cycle of
// types is still two modules that cannot be understood one without the other.
import fs from 'node:fs';
import path from 'node:path';

// `node scripts/checkCycles.mjs [DIR]`: DIR (for tests) replaces the project's source roots.
const given = process.argv[2];
const ROOTS = given ? ['.'] : ['client/src', 'server/src', 'emulator', 'test', 'bench', 'scripts'];
const root = given
  ? path.resolve(given)
  : path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Every .ts file under the roots, skipping fixtures, corpora and build output. */
function sourceFiles() {
  const out = [];
  const walk = (dir) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (['node_modules', 'out', 'dist', 'fixtures', 'corpus', 'workspace'].includes(entry.name)) continue;
        walk(full);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
    }
  };
  for (const r of ROOTS) walk(path.join(root, r));
  return out;
}

// `import … from './x'`, `export … from './x'`, `import('./x')`, `import './x'`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

function resolve(fromFile, spec) {
  const base = path.resolve(path.dirname(fromFile), spec.replace(/\.js$/, ''));
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return undefined;
}

function graph(files) {
  const edges = new Map();
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const deps = new Set();
    for (const m of text.matchAll(SPECIFIER)) {
      const target = resolve(file, m[1]);
      if (target) deps.add(target);
    }
    edges.set(file, [...deps]);
  }
  return edges;
}

/** Tarjan's strongly connected components: every component of two or more files is a cycle. */
function cycles(edges) {
  let index = 0;
  const stack = [];
  const onStack = new Set();
  const idx = new Map();
  const low = new Map();
  const found = [];
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const component = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(component);
    }
  };
  for (const v of edges.keys()) if (!idx.has(v)) visit(v);
  return found;
}

const files = sourceFiles();
const found = cycles(graph(files));
if (found.length === 0) {
  console.log(`import cycles: none in ${files.length} modules`);
} else {
  console.error(`import cycles: ${found.length}`);
  for (const component of found) {
    console.error(
      `  ${component
        .map((f) => path.relative(root, f))
        .sort()
        .join(' <-> ')}`,
    );
  }
  process.exit(1);
}
