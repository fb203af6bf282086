/**
 * Re-parsing only what an edit changed. A keystroke changes one place of a document; the parse of a
 * JSON value depends only on the text from its first character to its closing bracket, so every
 * object or array of the previous tree that lies wholly before the edit, or wholly after it, and that
 * parsed without an error, is what parsing the new text there would build again — with its offsets
 * moved by the edit's change of length when it lies after it. The recovering parser takes such
 * containers from the previous tree instead of parsing them (`RecoveringParser.reuse`), so an edit
 * in a 30,000-line task definition builds the nodes along the path to the edit and little else.
 *
 * The previous tree is consumed: its reused nodes move (new parent, new offsets) into the new one.
 * Only the document store calls this, with the version it is replacing.
 */
import type { Node } from 'jsonc-parser';

/** Where the old and new texts differ, and what of the old parse can be taken over. */
export interface Reuse {
  readonly oldRoot: Node;
  /** Offsets of the old parse's syntax errors, ascending. */
  readonly oldErrorOffsets: readonly number[];
  /** The texts are equal before this offset... */
  readonly editStart: number;
  /** ...and equal from here in the old text... */
  readonly oldEditEnd: number;
  /** ...and from here in the new one. */
  readonly newEditEnd: number;
}

/** Equal text is compared in slices of this many characters (a memory comparison each), then per character. */
const SLICE = 512;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + SLICE <= n && a.slice(i, i + SLICE) === b.slice(i, i + SLICE)) i += SLICE;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of `a` and `b` that does not reach back before `floor` in either. */
function commonSuffix(a: string, b: string, floor: number): number {
  const n = Math.min(a.length, b.length) - floor;
  let i = 0;
  while (
    i + SLICE <= n &&
    a.slice(a.length - i - SLICE, a.length - i) === b.slice(b.length - i - SLICE, b.length - i)
  )
    i += SLICE;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/**
 * What parsing `newText` can take from the parse of `oldText` (its tree and the offsets of its
 * syntax errors), or `undefined` when there is no old tree.
 */
export function planReuse(
  oldText: string,
  newText: string,
  oldRoot: Node | undefined,
  oldErrorOffsets: readonly number[],
): Reuse | undefined {
  if (!oldRoot) return undefined;
  if (oldText === newText) return sameText(oldRoot, oldErrorOffsets, newText);
  const editStart = commonPrefix(oldText, newText);
  const suffix = commonSuffix(oldText, newText, editStart);
  return {
    oldRoot,
    oldErrorOffsets,
    editStart,
    oldEditEnd: oldText.length - suffix,
    newEditEnd: newText.length - suffix,
  };
}

/** The same text again (a version change that changed nothing): everything can be taken over. */
function sameText(oldRoot: Node, oldErrorOffsets: readonly number[], text: string): Reuse {
  return {
    oldRoot,
    oldErrorOffsets,
    editStart: text.length,
    oldEditEnd: text.length,
    newEditEnd: text.length,
  };
}

/** True when some offset in the ascending `offsets` lies in `[from, to]`. */
function anyWithin(offsets: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid] ?? 0) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < offsets.length && (offsets[lo] ?? Infinity) <= to;
}

/** The object or array of the tree that starts at `offset`, found by descending from `root`. */
function containerAt(root: Node, offset: number): Node | undefined {
  let node = root;
  for (;;) {
    if (node.offset === offset && (node.type === 'object' || node.type === 'array')) return node;
    const children = node.children;
    if (!children || children.length === 0) return undefined;
    // The last child starting at or before `offset` (children are in document order).
    let lo = 0;
    let hi = children.length - 1;
    let found: Node | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const child = children[mid];
      if (child && child.offset <= offset) {
        found = child;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (!found || offset >= found.offset + Math.max(found.length, 1)) return undefined;
    node = found;
  }
}

function shift(node: Node, delta: number): void {
  const stack: Node[] = [node];
  for (let n = stack.pop(); n; n = stack.pop()) {
    const writable = n as { offset: number; colonOffset?: number };
    writable.offset += delta;
    if (writable.colonOffset !== undefined) writable.colonOffset += delta;
    if (n.children) for (const child of n.children) stack.push(child);
  }
}

/**
 * The previous tree's container that a parse of the new text would build at `offset` (where an `{`
 * or `[` starts a value), already moved to the new offsets; `undefined` when it must be parsed.
 */
export function takeContainer(reuse: Reuse, offset: number): Node | undefined {
  const before = offset < reuse.editStart;
  if (!before && offset < reuse.newEditEnd) return undefined;
  const oldOffset = before ? offset : offset - (reuse.newEditEnd - reuse.oldEditEnd);
  const old = containerAt(reuse.oldRoot, oldOffset);
  if (!old) return undefined;
  const end = oldOffset + old.length;
  // Wholly inside equal text: before the edit, or after it.
  if (before ? end > reuse.editStart : oldOffset < reuse.oldEditEnd) return undefined;
  // Parsed without an error (an unclosed container has its error at its end, hence the closed range).
  if (anyWithin(reuse.oldErrorOffsets, oldOffset, end)) return undefined;
  if (offset !== oldOffset) shift(old, offset - oldOffset);
  return old;
}
