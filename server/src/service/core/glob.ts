/**
 * A small glob matcher for file patterns in settings (`**`, `*`, `?`, `{a,b}`, `[abc]`).
 * Patterns without a slash match the file's base name, as VS Code's `files.associations` do.
 */
const cache = new Map<string, RegExp>();

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

/** True when `path` (forward slashes) matches `pattern`. */
export function matchGlob(pattern: string, path: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  const target = pattern.includes('/') ? normalized : (normalized.split('/').pop() ?? normalized);
  let re = cache.get(pattern);
  if (!re) {
    re = toRegExp(pattern);
    cache.set(pattern, re);
  }
  if (re.test(target)) return true;
  // `**/x` should also match a path that is only `x`, and absolute paths match relative patterns.
  return pattern.startsWith('**/') ? matchGlob(pattern.slice(3), normalized.split('/').pop() ?? '') : false;
}

/** True when any pattern matches. */
export function matchAny(patterns: readonly string[], path: string): boolean {
  return patterns.some((p) => matchGlob(p, path));
}
