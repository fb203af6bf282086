/** Message helpers shared by every checker: "did you mean" suggestions and `a, b or c` lists. */

// Two rows reused by every call (grown as needed): `suggest` measures a word against dozens of
// candidates, and fresh arrays per row were most of its cost.
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
  }
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const done = prev;
    prev = cur;
    cur = done;
  }
  return prev[n] ?? max + 1;
}

/** Up to three candidates close to `word` ("did you mean"), best first; case-insensitive matches first. */
export function suggest(word: string, candidates: Iterable<string>): string[] {
  const lower = word.toLowerCase();
  const max = Math.max(2, Math.floor(word.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const cl = c.toLowerCase();
    if (cl === lower) scored.push({ c, d: -1 });
    else if (cl.replace(/[-_]/g, '') === lower.replace(/[-_]/g, '')) scored.push({ c, d: 0 });
    else {
      const d = editDistance(lower, cl, max);
      if (d <= max) scored.push({ c, d });
      else if (lower.length >= 4 && (cl.startsWith(lower) || lower.startsWith(cl)))
        scored.push({ c, d: max });
    }
  }
  // A match that differs only in case is the answer; listing other candidates would only distract.
  const exact = scored.filter((s) => s.d === -1);
  return (exact.length ? exact : scored)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 3)
    .map((s) => s.c);
}

/** Words remembered per candidate list by `suggestFrom`; beyond this the memory starts afresh. */
const MAX_REMEMBERED = 500;

/**
 * `suggest` over a fixed list of candidates (a structure's member names, an enum's values), remembered
 * per word: the same mistakes recur in file after file. The list must not change afterwards.
 */
export function suggestFrom(candidates: readonly string[]): (word: string) => string[] {
  const remembered = new Map<string, readonly string[]>();
  return (word) => {
    let names = remembered.get(word);
    if (!names) {
      if (remembered.size >= MAX_REMEMBERED) remembered.clear();
      names = suggest(word, candidates);
      remembered.set(word, names);
    }
    // A copy: the caller may keep it (quick-fix data) or change it.
    return [...names];
  };
}

/** ` Did you mean `a` or `b`?` or an empty string. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((s) => `\`${s}\``);
  const last = quoted.pop() ?? '';
  return ` Did you mean ${quoted.length ? `${quoted.join(', ')} or ${last}` : last}?`;
}

/** `a, b or c` for messages. */
export function listOf(values: readonly (string | number)[]): string {
  const items = values.map(String);
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}
