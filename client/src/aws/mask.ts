/**
 * Masks secrets and environment values in text bound for the log (the "ECS Workbench" output
 * channel, language-server traces included): container `environment` values (`"value": "..."`,
 * also JSON-escaped inside a trace), AWS access key ids, secret keys, session tokens, passwords and
 * SigV4 signatures. Names stay readable, values never appear.
 */

const MASK = '****';

const RULES: [RegExp, string | ((...groups: string[]) => string)][] = [
  // "value": "..." — environment entries, JSON or JSON escaped once (LSP traces).
  [/("value"\s*:\s*)"(?:[^"\\]|\\.)*"/g, `$1"${MASK}"`],
  [/(\\"value\\"\s*:\s*)\\"(?:\\\\\\"|\\\\\\\\|\\[^"\\]|[^\\])*?\\"/g, `$1\\"${MASK}\\"`],
  // value: '...' (util.inspect of an SDK object) and YAML-ish "value: x".
  [/(\bvalue\s*:\s*)'(?:[^'\\]|\\.)*'/g, `$1'${MASK}'`],
  // Access key ids.
  [/\b(AKIA|ASIA|AROA|AIDA)[A-Z0-9]{16}\b/g, `$1${'*'.repeat(16)}`],
  // Secret-looking keys followed by a value, in INI, env, JSON or header form.
  [
    /(?<![:/])\b(aws_secret_access_key|aws_session_token|secretAccessKey|sessionToken|SecretAccessKey|SessionToken|x-amz-security-token|password|passwd|secret|token|api[_-]?key)(\\?"?\s*[:=]\s*\\?"?)([^\s"\\,;}]+)/gi,
    `$1$2${MASK}`,
  ],
  // SigV4 signatures.
  [/(Signature=)[0-9a-f]{16,}/gi, `$1${MASK}`],
];

export function maskSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement as string);
  return out;
}

/** The members of a LogOutputChannel that write text. */
const WRITERS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

/**
 * A view of `channel` whose every write is masked (strings, and errors by their message and stack);
 * everything else passes through. Structural, so it works on vscode.LogOutputChannel without
 * importing vscode.
 */
export function maskingChannel<T extends object>(channel: T): T {
  return new Proxy(channel, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !WRITERS.has(property) || typeof value !== 'function') {
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      }
      return (...args: unknown[]) =>
        (value as (...a: unknown[]) => unknown).apply(
          target,
          args.map((a) =>
            typeof a === 'string'
              ? maskSecrets(a)
              : a instanceof Error
                ? maskSecrets(a.stack ?? `${a.name}: ${a.message}`)
                : a,
          ),
        );
    },
  });
}
