import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorKind, isRetryable, toGatewayError } from '../../../client/src/aws/errors';

const named = (name: string, message = '', extra: object = {}): Error =>
  Object.assign(new Error(message), { name, ...extra });
const conn = { profile: 'dev', region: 'eu-west-1' };

describe('error classification', () => {
  it('detects throttling by name and by HTTP 429', () => {
    assert.equal(errorKind(named('ThrottlingException', 'Rate exceeded')), 'Throttled');
    assert.equal(errorKind(named('Whatever', '', { $metadata: { httpStatusCode: 429 } })), 'Throttled');
    assert.ok(isRetryable(named('ThrottlingException')));
  });

  it('tells expired credentials how to sign in again', () => {
    const e = toGatewayError(
      named('ExpiredTokenException', 'The security token included in the request is expired'),
      conn,
      'ListClusters',
    );
    assert.equal(e.kind, 'ExpiredToken');
    assert.match(e.message, /aws sso login --profile dev/);
    assert.deepEqual(e.fixArgs, ['sso', 'login', '--profile', 'dev']);
    assert.equal(e.operation, 'ListClusters');
    const sso = named(
      'CredentialsProviderError',
      'The SSO session associated with this profile has expired or is otherwise invalid.',
    );
    assert.equal(errorKind(sso), 'ExpiredToken');
  });

  it('separates missing credentials, access denied, not found and network errors', () => {
    assert.equal(
      errorKind(named('CredentialsProviderError', 'Could not load credentials from any providers')),
      'NoCredentials',
    );
    const denied = toGatewayError(
      named('AccessDeniedException', 'User: x is not authorized'),
      conn,
      'ListServices',
    );
    assert.equal(denied.kind, 'AccessDenied');
    assert.match(denied.message, /ecs:ListServices/);
    assert.equal(errorKind(named('ClusterNotFoundException')), 'NotFound');
    assert.equal(errorKind(named('ClientException', 'Unable to describe task definition.')), 'NotFound');
    assert.equal(errorKind(named('Error', 'connect ECONNREFUSED', { code: 'ECONNREFUSED' })), 'Network');
    const net = toGatewayError(named('Error', '', { code: 'ECONNREFUSED' }), {
      ...conn,
      endpoint: 'http://127.0.0.1:1',
    });
    assert.match(net.message, /Cannot reach http:\/\/127\.0\.0\.1:1/);
  });

  it('retries server errors but not client errors', () => {
    assert.ok(isRetryable(named('ServerException', '', { $metadata: { httpStatusCode: 500 } })));
    assert.ok(!isRetryable(named('InvalidParameterException', '', { $metadata: { httpStatusCode: 400 } })));
    assert.ok(!isRetryable(named('AccessDeniedException')));
  });

  it('never crashes on odd values', () => {
    for (const odd of [undefined, null, 42, 'text', {}, { name: 5 }]) {
      const e = toGatewayError(odd, conn);
      assert.equal(e.kind, 'Unknown');
      assert.ok(e.message.length > 0);
    }
  });
});
