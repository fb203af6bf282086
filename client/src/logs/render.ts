/**
 * How one log event becomes terminal text: a coloured `task/container` prefix, an optional
 * timestamp, the message with its continuation lines kept together under the same prefix, control
 * sequences neutralised (only colours are kept) and very long lines cut with a marker.
 */

/** One entry of a tail's buffer: a log event or a notice of the tail itself. */
export interface LogLine {
  readonly kind: 'event' | 'notice';
  readonly timestamp: number;
  /** `shorttaskid/container` for events; empty for notices. */
  readonly source: string;
  /** Index of the source's colour. */
  readonly colour: number;
  readonly message: string;
  readonly level?: 'info' | 'warning' | 'error';
}

export interface RenderOptions {
  readonly timestamps: boolean;
  /** Longest message kept per line; the rest is replaced by a marker. */
  readonly maxLineChars: number;
  /** Width the source prefix is padded to, so messages line up. */
  readonly sourceWidth: number;
}

const PALETTE = [36, 33, 35, 32, 34, 96, 93, 95, 92, 94];
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';

/** Only SGR (colour) sequences survive; other escapes (cursor moves, clears, titles) are dropped. */
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b(?:\[[0-9;?]*[A-Za-z]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/g;

// eslint-disable-next-line no-control-regex
const SGR = /^\x1b\[[0-9;]*m$/;

export function sanitize(text: string): string {
  return text.replace(ESCAPES, (seq) => (SGR.test(seq) ? seq : '')).replace(CONTROLS, '');
}

/** Removes every escape sequence (for plain text: filtering, tests). */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, '');
}

/** Cuts `text` to `max` characters, saying how much was left out. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Never leave half an escape sequence at the cut.
  // eslint-disable-next-line no-control-regex
  const kept = text.slice(0, max).replace(/\x1b(\[[0-9;]*)?$/, '');
  return `${kept}… [${text.length - max} more characters]`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Local time `HH:MM:SS.mmm`. */
export function formatTime(timestamp: number): string {
  const d = new Date(timestamp);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** The message's lines: CRLF and CR normalised, one trailing newline dropped (most loggers add one). */
export function messageLines(message: string): string[] {
  const normalised = message.replace(/\r\n?/g, '\n');
  const trimmed = normalised.endsWith('\n') ? normalised.slice(0, -1) : normalised;
  return trimmed.split('\n');
}

/** The plain text of a line (what the filter matches and tests read), one string per terminal line. */
export function plainLines(line: LogLine, options: RenderOptions): string[] {
  const time = options.timestamps ? `${formatTime(line.timestamp)} ` : '';
  if (line.kind === 'notice') return messageLines(line.message).map((m) => `${time}── ${m}`);
  const prefix = `${line.source.padEnd(options.sourceWidth)} │ `;
  const continuation = `${' '.repeat(options.sourceWidth)} ┆ `;
  return messageLines(stripAnsi(line.message)).map(
    (m, i) =>
      `${i === 0 ? time : ' '.repeat(time.length)}${i === 0 ? prefix : continuation}${truncate(m, options.maxLineChars)}`,
  );
}

/** The terminal text of a line, CRLF-terminated, with colours. */
export function renderLine(line: LogLine, options: RenderOptions): string {
  const time = options.timestamps ? `${DIM}${formatTime(line.timestamp)}${RESET} ` : '';
  const blank = options.timestamps ? ' '.repeat(13) : '';
  if (line.kind === 'notice') {
    const colour = line.level === 'error' ? 91 : line.level === 'warning' ? 93 : 90;
    return messageLines(line.message)
      .map((m) => `${time}\x1b[${colour}m── ${sanitize(m)}${RESET}\r\n`)
      .join('');
  }
  const code = PALETTE[line.colour % PALETTE.length] ?? 36;
  const prefix = `\x1b[${code}m${line.source.padEnd(options.sourceWidth)} │${RESET} `;
  const continuation = `\x1b[${code}m${' '.repeat(options.sourceWidth)} ┆${RESET} `;
  return messageLines(line.message)
    .map(
      (m, i) =>
        `${i === 0 ? time : blank}${i === 0 ? prefix : continuation}${truncate(sanitize(m), options.maxLineChars)}${RESET}\r\n`,
    )
    .join('');
}

/** Case-insensitive substring match on the line's source and message; an empty filter matches all. */
export function matchesFilter(line: LogLine, filter: string): boolean {
  if (!filter) return true;
  const needle = filter.toLowerCase();
  return line.source.toLowerCase().includes(needle) || stripAnsi(line.message).toLowerCase().includes(needle);
}
