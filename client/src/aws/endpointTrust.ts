/**
 * Which endpoints may receive signed requests without asking (see views/endpointConsent.ts): AWS's
 * own, and those the user allows for the machine.
 */

/** AWS's own endpoints (commercial, China, dual-stack) never need consent. */
export function isAwsEndpoint(endpoint: string): boolean {
  try {
    const url = new URL(endpoint);
    return (
      url.protocol === 'https:' && /(^|\.)(amazonaws\.com|amazonaws\.com\.cn|api\.aws)$/.test(url.hostname)
    );
  } catch {
    return false;
  }
}

/** `http://127.0.0.1:*` allows any port of that host; otherwise origins must match exactly. */
export function matchesAllowed(endpoint: string, patterns: readonly string[]): boolean {
  let origin: string;
  try {
    origin = new URL(endpoint).origin;
  } catch {
    return false;
  }
  return patterns.some((p) => {
    const pattern = p.trim().replace(/\/+$/, '');
    if (pattern.endsWith(':*')) {
      const prefix = pattern.slice(0, -1);
      return origin.startsWith(prefix) && /^\d+$/.test(origin.slice(prefix.length));
    }
    try {
      return new URL(pattern).origin === origin;
    } catch {
      return false;
    }
  });
}

/** Settings that decide where requests go or what is protected (package.json's `restrictedConfigurations`, without the
 * `ecsWorkbench.` prefix; test/unit/client/endpointTrust.test.ts checks that they agree). */
export const RESTRICTED_SETTINGS = [
  'endpoint',
  'profile',
  'regions',
  'protectedClusters',
  'protectedProfiles',
  'deploy.pollIntervalMs',
  'explorer.autoRefreshSeconds',
  'logs.mode',
  'trace.server',
] as const;
