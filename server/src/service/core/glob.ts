/**
 * A small glob matcher for file patterns in settings (`**`, `*`, `?`, `{a,b}`, `[abc]`).
 * Patterns without a slash match the file's base name, as VS Code's `files.associations` do.
 */
function toRegExp(glob: string): RegExp {
  let re = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*') {
      if (glob[i + 1] === '*') {
        // `**/` matches zero or more whole folders; a trailing `**` matches everything.
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inGroup = true;
      re += '(?:';
    } else if (c === '}' && inGroup) {
      inGroup = false;
      re += ')';
    } else if (c === ',' && inGroup) re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end > i) {
        re += glob.slice(i, end + 1);
        i = end;
      } else re += '\\[';
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

/**
 * A pattern ready to test: the expressions it is tried with, in order, each on the whole path or on
 * its base name. `**\/x` also matches a path that is only `x` (and absolute paths match relative
 * patterns), so after the pattern itself its tail after each leading `**\/` is tried on the base name.
 */
interface CompiledGlob {
  readonly tests: readonly { readonly re: RegExp; readonly onBase: boolean }[];
}

const compiled = new Map<string, CompiledGlob>();

/** True when a glob can match nothing with a slash in it (no `/`, `**` or character class). */
function slashFree(glob: string): boolean {
  return !glob.includes('/') && !glob.includes('**') && !glob.includes('[');
}

function compile(pattern: string): CompiledGlob {
  let glob = compiled.get(pattern);
  if (glob) return glob;
  const tests: { re: RegExp; onBase: boolean }[] = [];
  // `**\/x` with a tail that cannot match a slash matches a path exactly when the tail matches its
  // base name, which the first of the tests below does: the costlier test on the whole path is left out.
  if (!(pattern.startsWith('**/') && slashFree(pattern.slice(3))))
    tests.push({ re: toRegExp(pattern), onBase: !pattern.includes('/') });
  for (let rest = pattern; rest.startsWith('**/');) {
    rest = rest.slice(3);
    tests.push({ re: toRegExp(rest), onBase: true });
  }
  glob = { tests };
  compiled.set(pattern, glob);
  return glob;
}

function testGlob(glob: CompiledGlob, normalized: string, base: string): boolean {
  return glob.tests.some((t) => t.re.test(t.onBase ? base : normalized));
}

/** The path with forward slashes, and its base name. */
function splitPath(path: string): { normalized: string; base: string } {
  const normalized = path.replace(/\\/g, '/');
  return { normalized, base: normalized.slice(normalized.lastIndexOf('/') + 1) };
}

/** True when `path` (forward slashes) matches `pattern`. */
export function matchGlob(pattern: string, path: string): boolean {
  const { normalized, base } = splitPath(path);
  return testGlob(compile(pattern), normalized, base);
}

/** True when any pattern matches. */
export function matchAny(patterns: readonly string[], path: string): boolean {
  if (patterns.length === 0) return false;
  const { normalized, base } = splitPath(path);
  return patterns.some((p) => testGlob(compile(p), normalized, base));
}
