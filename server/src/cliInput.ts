/**
 * How `ecs-lint` reads its inputs: regular files only, opened without blocking, at most a size
 * limit, into one reused buffer; a file it refuses is named on stderr with the reason.
 */
import fs from 'node:fs';

const readErrors: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
};

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * The buffer every file is read into (grown as needed): the linter decodes the bytes before it reads
 * the next file, so one buffer serves, without a new zero-filled allocation per file.
 */
let readBuffer = Buffer.allocUnsafeSlow(1 << 16);

/** Reads `fd` to its end into `readBuffer`, expecting `size` bytes; the bytes read (a view of it). */
function readAll(fd: number, size: number): Buffer {
  if (readBuffer.length <= size) readBuffer = Buffer.allocUnsafeSlow(size + (1 << 16));
  let length = 0;
  for (;;) {
    if (length === readBuffer.length) {
      // The file grew while being read: read on to its end, as readFileSync does.
      const larger = Buffer.allocUnsafeSlow(readBuffer.length * 2);
      readBuffer.copy(larger, 0, 0, length);
      readBuffer = larger;
    }
    const n = fs.readSync(fd, readBuffer, length, readBuffer.length - length, null);
    if (n === 0) return readBuffer.subarray(0, length);
    length += n;
  }
}

/**
 * The bytes of `file` (valid until the next call), or why it is refused. Opened without blocking (a
 * FIFO with no writer would wait forever) and checked on the open descriptor: regular files only (a
 * device such as /dev/zero never ends), at most `maxBytes`.
 */
function readInput(file: string, maxBytes: number): Buffer | { error: string } {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return { error: readErrors[code] ?? (code || String(error)) };
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) return { error: readErrors.EISDIR ?? 'is a directory' };
    if (!stat.isFile())
      return { error: 'not a regular file (a FIFO, device or socket): ecs-lint reads files only' };
    if (stat.size > maxBytes) {
      return {
        error: `${megabytes(stat.size)} is over the ${megabytes(maxBytes)} limit (a real ECS document is a few KB; --max-size BYTES changes the limit)`,
      };
    }
    return readAll(fd, stat.size);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    return { error: readErrors[code] ?? (code || String(error)) };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Reads a file for linting: its bytes (valid until the next call), or `undefined` after saying on
 * stderr why it cannot be read.
 */
export function readForLint(file: string, maxBytes: number): Buffer | undefined {
  const bytes = readInput(file, maxBytes);
  if (Buffer.isBuffer(bytes)) return bytes;
  process.stderr.write(`ecs-lint: cannot read ${file}: ${bytes.error}\n`);
  return undefined;
}
