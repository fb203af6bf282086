/**
 * Text encodings. ECS definitions are UTF-8: the AWS CLI reads `file://` input as UTF-8 (unless
 * AWS_CLI_FILE_ENCODING says otherwise), and a UTF-16 file — what Windows PowerShell 5's `>` redirect
 * writes — is not JSON to it. Read as UTF-8, such a file is a NUL between every character, and a
 * parser reports hundreds of errors none of which says "encoding". This module names the encoding
 * once: from the bytes where the host has them (the CLI; the server for `file:` documents), else from
 * the decoded text (a UTF-8 BOM or NUL characters).
 */

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** The encoding of a file from its first bytes (a BOM, else the pattern of NUL bytes). */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return 'utf-8-bom';
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'utf-32be';
  if (a === 0xff && b === 0xfe) return 'utf-16le';
  if (a === 0xfe && b === 0xff) return 'utf-16be';
  // Without a BOM: ASCII text in UTF-16/32 has NUL bytes next to every character.
  if (bytes.length >= 4) {
    if (a !== 0 && b === 0 && c === 0 && d === 0) return 'utf-32le';
    if (a === 0 && b === 0 && c === 0 && d !== 0) return 'utf-32be';
    if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
    if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  }
  return 'utf-8';
}

/** The encoding the decoded text betrays: a leading BOM, or NULs (a UTF-16/32 file read as UTF-8). */
export function encodingFromText(text: string): TextEncoding {
  if (text.charCodeAt(0) === 0xfeff) return 'utf-8-bom';
  const nul = text.indexOf('\u0000');
  if (nul < 0 || nul > 64) return 'utf-8';
  // `{\0\n\0` → UTF-16 LE; `\0{\0\n` → UTF-16 BE; three NULs in a row → UTF-32.
  const head = text.slice(0, 8);
  if (/^[^\0]\0\0\0/.test(head)) return 'utf-32le';
  if (/^\0\0\0/.test(head)) return 'utf-32be';
  return head.startsWith('\0') ? 'utf-16be' : 'utf-16le';
}

const NAMES: Record<TextEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with a byte order mark',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'utf-32le': 'UTF-32 LE',
  'utf-32be': 'UTF-32 BE',
};

/** The one message about a file's encoding, or `undefined` for plain UTF-8. */
export function encodingMessage(encoding: TextEncoding): string | undefined {
  if (encoding === 'utf-8') return undefined;
  if (encoding === 'utf-8-bom')
    return 'The file starts with a UTF-8 byte order mark; JSON readers such as the AWS CLI (Python json) reject it. Save it as UTF-8 without BOM (VS Code: status bar encoding → Save with Encoding → UTF-8).';
  return `The file is ${NAMES[encoding]}-encoded, not UTF-8: the AWS CLI reads file:// input as UTF-8 and sees no JSON here, so no other check runs. Save it as UTF-8 (VS Code: status bar encoding → Save with Encoding → UTF-8; PowerShell: \`Set-Content -Encoding utf8\` or \`Out-File -Encoding utf8\` instead of \`>\`).`;
}

/** True for an encoding whose text, read as UTF-8, is not the document (UTF-16/32). */
export function isForeignEncoding(encoding: TextEncoding): boolean {
  return encoding !== 'utf-8' && encoding !== 'utf-8-bom';
}
