import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { fakeSigV4, suiteEmulator } from './helpers';

/**
 * The emulator behaves like AWS for every client (see awsParityHelpers.ts):
 * StartLiveTail initial-response (item 1).
 */

describe('emulator parity: StartLiveTail initial-response (item 1)', () => {
  const c = suiteEmulator({ scenario: 'demo', speed: 20 });

  it('opens the stream with an initial-response event, byte for byte, then sessionStart', async () => {
    const arn = `arn:aws:logs:us-east-1:123456789012:log-group:/ecs/web`;
    const abort = new AbortController();
    const res = await fetch(c.emu.url, {
      method: 'POST',
      signal: abort.signal,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'Logs_20140328.StartLiveTail',
        authorization: fakeSigV4('logs'),
      },
      body: JSON.stringify({ logGroupIdentifiers: [arn] }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.amazon.eventstream');
    const reader = res.body!.getReader();
    let buf: Buffer = Buffer.alloc(0);
    const frames: Buffer[] = [];
    while (frames.length < 2) {
      const chunk = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (chunk.done || !chunk.value) break;
      buf = Buffer.concat([buf, Buffer.from(chunk.value)]);
      while (buf.length >= 4) {
        const total = buf.readUInt32BE(0);
        if (buf.length < total) break;
        frames.push(buf.subarray(0, total));
        buf = buf.subarray(total);
      }
    }
    abort.abort();
    const codec = new EventStreamCodec(toUtf8, fromUtf8);
    const expected = codec.encode({
      headers: {
        ':message-type': { type: 'string', value: 'event' },
        ':event-type': { type: 'string', value: 'initial-response' },
        ':content-type': { type: 'string', value: 'application/json' },
      },
      body: fromUtf8('{}'),
    });
    assert.deepEqual(frames[0], Buffer.from(expected), 'first frame is the initial-response');
    const second = codec.decode(frames[1]!);
    assert.equal(second.headers[':event-type']?.value, 'sessionStart');
  });
});
