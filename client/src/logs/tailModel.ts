/**
 * What a tail shows, independent of the editor: a bounded buffer of lines, the client-side
 * filter, follow/pause, timestamps on/off, and the text written to the terminal. The pseudoterminal
 * forwards its writes; the benchmark drives it directly to measure event-to-screen latency.
 */
import type { TailEvent } from '../aws/logEvents';
import type { LogTarget } from '../aws/logTargets';
import { shortTaskId } from '../aws/logTargets';
import { RingBuffer } from './ringBuffer';
import { matchesFilter, plainLines, renderLine, type LogLine, type RenderOptions } from './render';

export interface TailModelOptions {
  /** Lines kept (the `ecsWorkbench.logs.bufferLines` setting). */
  readonly capacity: number;
  /** Receives terminal text (CRLF line ends, ANSI colours). */
  readonly write: (text: string) => void;
  readonly timestamps?: boolean;
  readonly maxLineChars?: number;
  /** Lines written after a redraw (filter change, resume); older matching lines stay in the buffer. */
  readonly redrawLimit?: number;
}

const CLEAR_SCREEN = '\x1b[2J\x1b[3J\x1b[H';

export class TailModel {
  private readonly buffer: RingBuffer<LogLine>;
  private readonly sources = new Map<string, { label: string; colour: number }>();
  private filterText = '';
  private paused = false;
  private showTimestamps: boolean;
  /** Buffer sequence numbers: first line on screen since the last redraw, and next line to write. */
  private shownFrom = 0;
  private writtenTo = 0;
  private sourceWidth = 8;
  private readonly maxLineChars: number;
  private readonly redrawLimit: number;

  constructor(private readonly options: TailModelOptions) {
    this.buffer = new RingBuffer(Math.max(1, Math.floor(options.capacity)));
    this.showTimestamps = options.timestamps ?? true;
    this.maxLineChars = options.maxLineChars ?? 4000;
    this.redrawLimit = options.redrawLimit ?? 2000;
  }

  /** Registers the streams of the tail, giving each task/container its label and colour. */
  setTargets(targets: readonly LogTarget[]): void {
    for (const t of targets) {
      const key = `${t.logGroup}\u0000${t.logStream}`;
      if (this.sources.has(key)) continue;
      const label = `${shortTaskId(t.taskId)}/${t.containerName}`;
      const colour = new Set([...this.sources.values()].map((s) => s.label)).size;
      this.sources.set(key, { label, colour });
      this.sourceWidth = Math.max(this.sourceWidth, Math.min(label.length, 40));
    }
  }

  get filter(): string {
    return this.filterText;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get timestamps(): boolean {
    return this.showTimestamps;
  }

  /** Lines held in the buffer. */
  get size(): number {
    return this.buffer.size;
  }

  get capacity(): number {
    return this.buffer.capacity;
  }

  addEvents(events: readonly TailEvent[]): void {
    for (const e of events) {
      const source = this.sources.get(`${e.logGroup}\u0000${e.logStream}`) ?? {
        label: e.logStream.split('/').slice(-2).reverse().join('/').slice(0, 40),
        colour: 0,
      };
      this.buffer.push({
        kind: 'event',
        timestamp: e.timestamp,
        source: source.label,
        colour: source.colour,
        message: e.message,
      });
    }
    this.flush();
  }

  addNotice(level: 'info' | 'warning' | 'error', text: string, timestamp = Date.now()): void {
    this.buffer.push({ kind: 'notice', timestamp, source: '', colour: 0, message: text, level });
    this.flush();
  }

  setFilter(text: string): void {
    this.filterText = text;
    this.redraw();
  }

  setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    if (!paused) this.flush();
  }

  setTimestamps(on: boolean): void {
    this.showTimestamps = on;
    this.redraw();
  }

  /** Empties the buffer and the screen. */
  clear(): void {
    this.buffer.clear();
    this.shownFrom = this.buffer.total;
    this.writtenTo = this.buffer.total;
    this.options.write(CLEAR_SCREEN);
  }

  /** Plain text of the lines on screen (after the filter, not those waiting while paused). */
  renderedLines(): string[] {
    return this.visible(this.shownFrom, this.writtenTo).flatMap((l) => plainLines(l, this.renderOptions()));
  }

  /** Plain text of every buffered line, filter ignored. */
  bufferedLines(): string[] {
    return this.buffer.toArray().flatMap((l) => plainLines(l, this.renderOptions()));
  }

  private renderOptions(): RenderOptions {
    return {
      timestamps: this.showTimestamps,
      maxLineChars: this.maxLineChars,
      sourceWidth: this.sourceWidth,
    };
  }

  private visible(from: number, to: number): LogLine[] {
    const lines = this.buffer.since(from);
    const count = Math.max(0, to - Math.max(from, this.buffer.total - this.buffer.size));
    return lines.slice(0, count).filter((l) => l.kind === 'notice' || matchesFilter(l, this.filterText));
  }

  /** Writes what arrived since the last write, unless paused. */
  private flush(): void {
    if (this.paused) return;
    const total = this.buffer.total;
    if (this.writtenTo >= total) return;
    const lines = this.visible(this.writtenTo, total);
    this.writtenTo = total;
    if (lines.length === 0) return;
    const options = this.renderOptions();
    this.options.write(lines.map((l) => renderLine(l, options)).join(''));
  }

  /** Clears the screen and writes the buffer's last matching lines again. */
  private redraw(): void {
    const options = this.renderOptions();
    const upTo = this.paused ? this.writtenTo : this.buffer.total;
    const all = this.visible(this.buffer.total - this.buffer.size, upTo);
    const shown = all.slice(-this.redrawLimit);
    // The first line on screen is the oldest shown one: find its sequence number.
    this.shownFrom = upTo - this.countBack(shown.length, upTo);
    this.writtenTo = upTo;
    this.options.write(CLEAR_SCREEN + shown.map((l) => renderLine(l, options)).join(''));
  }

  /** The number of buffered lines, back from `upTo`, that hold the last `n` visible lines. */
  private countBack(n: number, upTo: number): number {
    if (n === 0) return 0;
    const lines = this.buffer
      .since(this.buffer.total - this.buffer.size)
      .slice(0, upTo - (this.buffer.total - this.buffer.size));
    let seen = 0;
    for (let i = lines.length - 1; i >= 0; i--) {
      const l = lines[i];
      if (l && (l.kind === 'notice' || matchesFilter(l, this.filterText))) seen++;
      if (seen === n) return lines.length - i;
    }
    return lines.length;
  }
}
