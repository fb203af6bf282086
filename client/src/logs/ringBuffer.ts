/**
 * A fixed-capacity ring buffer: pushing beyond capacity overwrites the oldest item, so a tail that
 * runs for hours holds at most `capacity` lines whatever the log volume.
 */
export class RingBuffer<T> {
  private readonly items: (T | undefined)[];
  private start = 0;
  private count = 0;
  /** Items ever pushed, including those since overwritten (lets views page "what is new"). */
  private pushedTotal = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError(`capacity must be ≥ 1, got ${capacity}`);
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Sequence number the next pushed item will get; item `n` is still held while `n >= total - size`. */
  get total(): number {
    return this.pushedTotal;
  }

  push(item: T): void {
    const index = (this.start + this.count) % this.capacity;
    this.items[index] = item;
    if (this.count < this.capacity) this.count++;
    else this.start = (this.start + 1) % this.capacity;
    this.pushedTotal++;
  }

  clear(): void {
    this.items.fill(undefined);
    this.start = 0;
    this.count = 0;
  }

  /** Items oldest first. */
  toArray(): T[] {
    return this.since(this.pushedTotal - this.count);
  }

  /** Items whose sequence number is ≥ `sequence` (those still held), oldest first. */
  since(sequence: number): T[] {
    const first = Math.max(sequence, this.pushedTotal - this.count);
    const out: T[] = [];
    for (let n = first; n < this.pushedTotal; n++) {
      const offset = n - (this.pushedTotal - this.count);
      const item = this.items[(this.start + offset) % this.capacity];
      if (item !== undefined) out.push(item);
    }
    return out;
  }
}
