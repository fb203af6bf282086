/**
 * Turns whatever the SDK or the credential providers throw into a `GatewayError` with a message
 * that says what to do. Classification is by error name/code, not class: the ECS SDK model has no
 * ThrottlingException class and credential provider errors come from several packages.
 */
import type { Connection, ErrorKind, GatewayError } from './gateway';
import { isValidProfileName } from './profiles';

const THROTTLING = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
]);
const ACCESS_DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnauthorizedOperation',
  'UnauthorizedException',
  'AuthorizationError',
]);
const EXPIRED = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'RequestExpired',
  'TokenRefreshRequired',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'SignatureDoesNotMatch',
]);
const NOT_FOUND = new Set([
  'ClusterNotFoundException',
  'ServiceNotFoundException',
  'ResourceNotFoundException',
  'TaskSetNotFoundException',
  'ServiceDeploymentNotFoundException',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'AbortError',
]);
const SERVER = new Set([
  'ServerException',
  'InternalFailure',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  $metadata?: { httpStatusCode?: unknown };
  cause?: unknown;
}

function fieldsOf(error: unknown): { name: string; code: string; message: string; status?: number } {
  if (typeof error !== 'object' || error === null) return { name: 'Error', code: '', message: String(error) };
  const e = error as ErrorLike;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  return {
    name: typeof e.name === 'string' ? e.name : 'Error',
    code: typeof e.code === 'string' ? e.code : '',
    message: typeof e.message === 'string' ? e.message : '',
    ...(status !== undefined ? { status } : {}),
  };
}

/** The kind of an error, from its name, code, HTTP status and (for credential providers) message. */
export function errorKind(error: unknown): ErrorKind {
  const { name, code, message, status } = fieldsOf(error);
  if (THROTTLING.has(name) || THROTTLING.has(code) || status === 429) return 'Throttled';
  if (EXPIRED.has(name) || EXPIRED.has(code)) return 'ExpiredToken';
  if (ACCESS_DENIED.has(name) || ACCESS_DENIED.has(code)) return 'AccessDenied';
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError') {
    return /expired|refresh|sso session|token/i.test(message) ? 'ExpiredToken' : 'NoCredentials';
  }
  if (NOT_FOUND.has(name)) return 'NotFound';
  if (
    name === 'ClientException' &&
    /unable to describe task definition|not found|does not exist/i.test(message)
  ) {
    return 'NotFound';
  }
  if (NETWORK_CODES.has(name) || NETWORK_CODES.has(code)) return 'Network';
  if (typeof (error as ErrorLike | null)?.cause === 'object' && (error as ErrorLike).cause !== error) {
    const inner = errorKind((error as ErrorLike).cause);
    if (inner === 'Network') return inner;
  }
  return 'Unknown';
}

/** Worth another try after a pause: throttling, 5xx, dropped connections. Never for writes that are not idempotent. */
export function isRetryable(error: unknown): boolean {
  const { name, code, status } = fieldsOf(error);
  if (name === 'AbortError') return false;
  const kind = errorKind(error);
  if (kind === 'Throttled' || kind === 'Network') return true;
  return SERVER.has(name) || SERVER.has(code) || (status !== undefined && status >= 500);
}

/** A `GatewayError` whose message tells the user what to do about `error`. */
export function toGatewayError(error: unknown, c: Connection, operation?: string): GatewayError {
  const kind = errorKind(error);
  const { name, message } = fieldsOf(error);
  const detail = `${name}: ${firstLine(message)}`.slice(0, 500);
  const who = `profile "${c.profile}" in ${c.region}`;
  const base = { kind, detail, ...(operation ? { operation } : {}) };
  switch (kind) {
    case 'Throttled':
      return {
        ...base,
        message: `ECS is throttling requests for ${who}; the explorer slowed down and retried. Refresh in a few seconds, or pause other tools that use this account.`,
      };
    case 'AccessDenied':
      return {
        ...base,
        message: `Access denied for ${who}${operation ? ` on ecs:${operation}` : ''}. Ask your administrator for the ecs:List* and ecs:Describe* permissions, or switch to another profile.`,
      };
    case 'ExpiredToken':
      if (!c.endpoint && !isValidProfileName(c.profile)) return invalidProfile(base, c);
      return c.endpoint
        ? {
            ...base,
            message: `The credentials for ${who} were rejected as expired by ${c.endpoint}. Refresh to try again.`,
          }
        : {
            ...base,
            message: `The credentials of ${who} have expired or are no longer valid. Run \`aws sso login --profile ${c.profile}\` (SSO) or renew them, then refresh.`,
            fixArgs: ['sso', 'login', '--profile', c.profile],
          };
    case 'NoCredentials':
      if (!isValidProfileName(c.profile)) return invalidProfile(base, c);
      return {
        ...base,
        message: `No AWS credentials found for ${who}. Run \`aws configure --profile ${c.profile}\` or \`aws sso login --profile ${c.profile}\`, or switch profile.`,
        fixArgs: ['configure', '--profile', c.profile],
      };
    case 'NotFound':
      return {
        ...base,
        message: `Not found: ${firstLine(message) || name}. It may have been deleted; refresh the parent.`,
      };
    case 'Network':
      return {
        ...base,
        message: c.endpoint
          ? `Cannot reach ${c.endpoint}. Is the emulator (npm run emulator) or LocalStack running? Check the ecsWorkbench.endpoint setting.`
          : `Cannot reach ECS in ${c.region}. Check your network, proxy or VPN, then refresh.`,
      };
    default:
      return {
        ...base,
        message: `ECS returned ${name}${message ? `: ${firstLine(message)}` : ''}. Refresh to try again.`,
      };
  }
}

/** A profile name no AWS config file can define: say so, and offer nothing to run. */
function invalidProfile(base: Omit<GatewayError, 'message'>, c: Connection): GatewayError {
  return {
    ...base,
    message: `${JSON.stringify(c.profile.slice(0, 80))} is not a valid AWS profile name (letters, digits and - _ . + @ = , / : % only). Check the ecsWorkbench.profile setting (user and workspace) or AWS_PROFILE, or switch profile.`,
  };
}

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return (nl < 0 ? text : text.slice(0, nl)).trim();
}
