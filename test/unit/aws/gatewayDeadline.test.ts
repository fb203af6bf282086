import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsGateway } from '../../../client/src/aws/awsGateway';
import { RequestError } from '../../../client/src/aws/gatewayRequests';

/**
 * A deadline that cuts a retry short: the answer is the failure that made the gateway retry (the
 * reason it ran out of time), not the abort of the attempt the deadline interrupted.
 */
describe('AwsGateway deadline after a retry', () => {
  const conn = { profile: 'test', region: 'us-east-1', endpoint: 'http://127.0.0.1:1' };
  const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });

  it('reports the throttling that caused the retry when the deadline aborts the next attempt', async () => {
    const gateway = new AwsGateway();
    let attempts = 0;
    try {
      await assert.rejects(
        gateway.send(
          conn,
          'ListClusters',
          'interactive',
          (_sdk, _client, { abortSignal }) => {
            attempts++;
            if (attempts === 1) return Promise.reject(throttled);
            // The retry hangs until the deadline aborts it.
            return new Promise((_resolve, reject) =>
              abortSignal.addEventListener('abort', () =>
                reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })),
              ),
            );
          },
          'retryable',
          1500,
        ),
        (error: unknown) => {
          assert.ok(error instanceof RequestError);
          assert.equal(error.original, throttled);
          return true;
        },
      );
      assert.equal(attempts, 2, 'retried once, then cut short by the deadline');
    } finally {
      gateway.dispose();
    }
  });

  it('reports the abort itself when nothing failed before it', async () => {
    const gateway = new AwsGateway();
    try {
      await assert.rejects(
        gateway.send(
          conn,
          'ListClusters',
          'interactive',
          (_sdk, _client, { abortSignal }) =>
            new Promise((_resolve, reject) =>
              abortSignal.addEventListener('abort', () =>
                reject(Object.assign(new Error('Request aborted'), { name: 'AbortError' })),
              ),
            ),
          'retryable',
          300,
        ),
        (error: unknown) => error instanceof RequestError && (error.original as Error).name === 'AbortError',
      );
    } finally {
      gateway.dispose();
    }
  });
});
