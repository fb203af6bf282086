import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  FilterLogEventsCommand,
  PutLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { compileFilterPattern } from '../../../emulator/logs/filterPattern';
import { close, withEmulator } from './helpers';

/**
 * The emulator behaves like AWS for every client (see awsParityHelpers.ts):
 * regex filter patterns (item 4).
 */

describe('emulator parity: regex filter patterns (item 4)', () => {
  it('matches %regex% standalone, in JSON and in space-delimited patterns', () => {
    assert.equal(compileFilterPattern('%ERROR%')('2024 ERROR boom'), true);
    assert.equal(compileFilterPattern('%ERROR%')('2024 INFO ok'), false);
    assert.equal(compileFilterPattern('%5\\d\\d%')('GET /api 503 12ms'), true);
    assert.equal(compileFilterPattern('%5\\d\\d%')('GET /api 404 12ms'), false);
    assert.equal(compileFilterPattern('%^[hc]at%')('cat sat'), true);
    assert.equal(compileFilterPattern('%^[hc]at%')('a cat'), false);
    assert.equal(compileFilterPattern('{ $.path = %^/api% }')('{"path":"/api/x"}'), true);
    assert.equal(compileFilterPattern('[ip, status = %5\\d\\d%, size]')('10.0.0.1 502 99'), true);
    assert.equal(compileFilterPattern('[ip, status = %5\\d\\d%, size]')('10.0.0.1 200 99'), false);
  });

  it('rejects what the user guide does not allow: parentheses, unsupported symbols, more than 2', () => {
    assert.throws(() => compileFilterPattern('%(a|b)%'), /InvalidParameter|not support/i);
    assert.throws(() => compileFilterPattern('%something!%'));
    assert.throws(() => compileFilterPattern('[a = %x%, b = %y%, c = %z%]'));
  });

  it('applies in FilterLogEvents through the SDK', async () => {
    const c = await withEmulator({ scenario: 'empty' });
    try {
      await c.logs.send(new CreateLogGroupCommand({ logGroupName: 'g' }));
      await c.logs.send(new CreateLogStreamCommand({ logGroupName: 'g', logStreamName: 's' }));
      const now = Date.now();
      await c.logs.send(
        new PutLogEventsCommand({
          logGroupName: 'g',
          logStreamName: 's',
          logEvents: ['GET / 200', 'GET / 503', 'GET / 500 ERROR'].map((message, i) => ({
            timestamp: now + i,
            message,
          })),
        }),
      );
      const out = await c.logs.send(
        new FilterLogEventsCommand({ logGroupName: 'g', filterPattern: '%5\\d\\d%' }),
      );
      assert.deepEqual(
        out.events?.map((e) => e.message),
        ['GET / 503', 'GET / 500 ERROR'],
      );
    } finally {
      await close(c);
    }
  });
});
