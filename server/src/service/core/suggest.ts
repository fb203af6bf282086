/** Message helpers shared by every checker: "did you mean" suggestions and `a, b or c` lists. */

/** Levenshtein distance, bounded: returns `max + 1` as soon as the distance exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
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
