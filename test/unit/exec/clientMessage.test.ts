/**
 * The ClientMessage framing against a golden vector written out by hand from the layout in
 * session-manager-plugin's clientmessage.go, plus the digest check and the UUID half swap.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import {
  decodeClientMessage,
  encodeAcknowledge,
  encodeClientMessage,
  encodeFlag,
  Layout,
  MessageType,
  PayloadFlag,
  PayloadType,
  ProtocolError,
  uuidFromWire,
  uuidToWire,
} from '../../../client/src/exec/clientMessage';

const ID = '00112233-4455-6677-8899-aabbccddeeff';
const PAYLOAD = Buffer.from('ls\r');

/** The frame, field by field, each as hex; nothing here comes from the encoder. */
function goldenFrame(): Buffer {
  const sha = createHash('sha256').update(PAYLOAD).digest('hex');
  const type = Buffer.from('input_stream_data'.padEnd(32, ' ')).toString('hex');
  const hex = [
    '00000074', // HeaderLength 116
    type, // MessageType, space padded
    '00000001', // SchemaVersion 1
    '0000018c50cf2000', // CreatedDate 1702162800640 ms
    '0000000000000007', // SequenceNumber 7
    '0000000000000000', // Flags 0
    '8899aabbccddeeff', // MessageId: second half of the UUID first ...
    '0011223344556677', // ... then the first half
    sha, // PayloadDigest
    '00000001', // PayloadType Output
    '00000003', // PayloadLength 3
    '6c730d', // "ls\r"
  ].join('');
  return Buffer.from(hex, 'hex');
}

describe('ClientMessage framing', () => {
  it('encodes to the hand-built golden bytes', () => {
    const frame = encodeClientMessage({
      messageType: MessageType.InputStreamData,
      payloadType: PayloadType.Output,
      payload: PAYLOAD,
      sequenceNumber: 7,
      flags: 0,
      schemaVersion: 1,
      createdDate: 1702162800640,
      messageId: ID,
    });
    assert.equal(frame.length, 123);
    assert.equal(frame.toString('hex'), goldenFrame().toString('hex'));
  });

  it('decodes the golden bytes to every field', () => {
    const message = decodeClientMessage(goldenFrame());
    assert.deepEqual(
      { ...message, payload: message.payload.toString() },
      {
        messageType: 'input_stream_data',
        schemaVersion: 1,
        createdDate: 1702162800640,
        sequenceNumber: 7,
        flags: 0,
        messageId: ID,
        payloadType: 1,
        payload: 'ls\r',
      },
    );
  });

  it('round-trips an empty payload and a large sequence number', () => {
    const frame = encodeClientMessage({
      messageType: MessageType.OutputStreamData,
      payloadType: PayloadType.Output,
      payload: Buffer.alloc(0),
      sequenceNumber: 2 ** 40,
      createdDate: 1,
    });
    const message = decodeClientMessage(frame);
    assert.equal(message.sequenceNumber, 2 ** 40);
    assert.equal(message.payload.length, 0);
    assert.equal(frame.length, Layout.payloadOffset);
  });

  it('rejects a payload whose digest does not match', () => {
    const frame = goldenFrame();
    frame[frame.length - 1] = 0x0a; // "ls\n" against the digest of "ls\r"
    assert.throws(
      () => decodeClientMessage(frame),
      (e: unknown) => {
        assert.ok(e instanceof ProtocolError);
        assert.match(e.message, /digest mismatch/);
        return true;
      },
    );
  });

  it('rejects a short frame and a wrong payload length', () => {
    assert.throws(() => decodeClientMessage(Buffer.alloc(50)), /shorter than the 120-byte header/);
    const frame = goldenFrame();
    frame.writeUInt32BE(9, Layout.payloadLengthOffset);
    assert.throws(() => decodeClientMessage(frame), /PayloadLength says 9 bytes but the frame carries 3/);
  });

  it('does not check the digest of start/pause publication messages', () => {
    const frame = encodeClientMessage({
      messageType: MessageType.StartPublication,
      payloadType: 0,
      payload: Buffer.from('x'),
      createdDate: 1,
    });
    frame.fill(0, Layout.payloadDigestOffset, Layout.payloadDigestOffset + 32);
    assert.equal(decodeClientMessage(frame).messageType, 'start_publication');
  });
});

describe('MessageId byte order', () => {
  it('swaps the two 8-byte halves on the wire and back', () => {
    assert.equal(uuidToWire(ID).toString('hex'), '8899aabbccddeeff0011223344556677');
    assert.equal(uuidFromWire(Buffer.from('8899aabbccddeeff0011223344556677', 'hex')), ID);
  });

  it('rejects what is not a UUID', () => {
    assert.throws(() => uuidToWire('not-a-uuid'), ProtocolError);
  });
});

describe('acknowledge and flag payloads', () => {
  it('acknowledges with the received type, id and sequence, sequence 0 and flags 3', () => {
    const received = decodeClientMessage(goldenFrame());
    const ack = decodeClientMessage(encodeAcknowledge(received, 5));
    assert.equal(ack.messageType, 'acknowledge');
    assert.equal(ack.sequenceNumber, 0);
    assert.equal(ack.flags, 3);
    assert.deepEqual(JSON.parse(ack.payload.toString()), {
      AcknowledgedMessageType: 'input_stream_data',
      AcknowledgedMessageId: ID,
      AcknowledgedMessageSequenceNumber: 7,
      IsSequentialMessage: true,
    });
  });

  it('writes a flag as a big-endian uint32 and keeps the Go numbers', () => {
    assert.equal(encodeFlag(PayloadFlag.TerminateSession).toString('hex'), '00000002');
    assert.deepEqual(
      [
        PayloadType.Output,
        PayloadType.Size,
        PayloadType.HandshakeComplete,
        PayloadType.Flag,
        PayloadType.ExitCode,
      ],
      [1, 3, 7, 10, 12],
    );
  });
});
