/**
 * The binary `ClientMessage` frame of the Session Manager data channel, as laid out in
 * session-manager-plugin's `src/message/clientmessage.go` and `messageparser.go`.
 *
 * All integers are big-endian. Layout (byte offsets):
 *
 * | offset | size | field                                                 |
 * | -----: | ---: | ----------------------------------------------------- |
 * |      0 |    4 | HeaderLength (offset of PayloadLength, always 116)     |
 * |      4 |   32 | MessageType, ASCII, right-padded with spaces          |
 * |     36 |    4 | SchemaVersion                                         |
 * |     40 |    8 | CreatedDate, epoch milliseconds                       |
 * |     48 |    8 | SequenceNumber (signed)                               |
 * |     56 |    8 | Flags                                                 |
 * |     64 |   16 | MessageId, a UUID whose two 8-byte halves are swapped |
 * |     80 |   32 | PayloadDigest, SHA-256 of the payload                 |
 * |    112 |    4 | PayloadType                                           |
 * |    116 |    4 | PayloadLength                                         |
 * |    120 |    n | Payload                                               |
 *
 * Pure: no I/O, no vscode.
 */
import { createHash, randomUUID } from 'node:crypto';

/** Message types, from the constants in clientmessage.go. */
export const MessageType = {
  InputStreamData: 'input_stream_data',
  OutputStreamData: 'output_stream_data',
  Acknowledge: 'acknowledge',
  ChannelClosed: 'channel_closed',
  StartPublication: 'start_publication',
  PausePublication: 'pause_publication',
} as const;

/** Payload types (`PayloadType` in clientmessage.go); the numbers are on the wire. */
export const PayloadType = {
  Output: 1,
  Error: 2,
  Size: 3,
  Parameter: 4,
  HandshakeRequest: 5,
  HandshakeResponse: 6,
  HandshakeComplete: 7,
  EncChallengeRequest: 8,
  EncChallengeResponse: 9,
  Flag: 10,
  StdErr: 11,
  ExitCode: 12,
} as const;

/** Values of a `Flag` payload (`PayloadTypeFlag` in clientmessage.go), sent as a big-endian uint32. */
export const PayloadFlag = {
  DisconnectToPort: 1,
  TerminateSession: 2,
  ConnectToPortError: 3,
} as const;

/** Sizes and offsets of the header fields. */
export const Layout = {
  messageTypeLength: 32,
  messageTypeOffset: 4,
  schemaVersionOffset: 36,
  createdDateOffset: 40,
  sequenceNumberOffset: 48,
  flagsOffset: 56,
  messageIdOffset: 64,
  payloadDigestOffset: 80,
  payloadTypeOffset: 112,
  payloadLengthOffset: 116,
  payloadOffset: 120,
  /** What HeaderLength holds: the plugin writes the offset of PayloadLength, not of the payload. */
  headerLength: 116,
} as const;

/** One data-channel message, decoded. */
export interface ClientMessage {
  messageType: string;
  schemaVersion: number;
  /** Epoch milliseconds. */
  createdDate: number;
  sequenceNumber: number;
  flags: number;
  /** Canonical lower-case hyphenated UUID. */
  messageId: string;
  payloadType: number;
  payload: Buffer;
}

/** A frame that cannot be decoded or fails its integrity check. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** SHA-256 of a payload, as carried in PayloadDigest. */
export function payloadDigest(payload: Buffer): Buffer {
  return createHash('sha256').update(payload).digest();
}

/**
 * The 16 MessageId bytes of a UUID. The plugin writes the UUID's second half (least significant
 * long) first and its first half second, so a UUID `00112233-4455-6677-8899-aabbccddeeff` travels as
 * `8899aabbccddeeff 0011223344556677`.
 */
export function uuidToWire(uuid: string): Buffer {
  const hex = uuid.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new ProtocolError(`Not a UUID: ${uuid}`);
  const bytes = Buffer.from(hex, 'hex');
  return Buffer.concat([bytes.subarray(8, 16), bytes.subarray(0, 8)]);
}

/** The UUID of 16 MessageId bytes (inverse of {@link uuidToWire}). */
export function uuidFromWire(wire: Buffer): string {
  if (wire.length !== 16) throw new ProtocolError(`A MessageId has 16 bytes, not ${wire.length}`);
  const hex = Buffer.concat([wire.subarray(8, 16), wire.subarray(0, 8)]).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Fields of a message to encode; everything but the type and payload has a default. */
export interface ClientMessageInit {
  messageType: string;
  payloadType: number;
  payload: Buffer;
  sequenceNumber?: number;
  flags?: number;
  schemaVersion?: number;
  createdDate?: number;
  messageId?: string;
}

/** Encodes one message into a binary frame; the digest and lengths are computed here. */
export function encodeClientMessage(init: ClientMessageInit): Buffer {
  const typeBytes = Buffer.from(init.messageType, 'utf8');
  if (typeBytes.length > Layout.messageTypeLength) {
    throw new ProtocolError(`Message type "${init.messageType}" is longer than 32 bytes`);
  }
  const out = Buffer.alloc(Layout.payloadOffset + init.payload.length);
  out.writeUInt32BE(Layout.headerLength, 0);
  // Spaces, not NULs: the plugin pads with spaces and the service trims them.
  out.fill(0x20, Layout.messageTypeOffset, Layout.messageTypeOffset + Layout.messageTypeLength);
  typeBytes.copy(out, Layout.messageTypeOffset);
  out.writeUInt32BE(init.schemaVersion ?? 1, Layout.schemaVersionOffset);
  out.writeBigUInt64BE(BigInt(init.createdDate ?? Date.now()), Layout.createdDateOffset);
  out.writeBigInt64BE(BigInt(init.sequenceNumber ?? 0), Layout.sequenceNumberOffset);
  out.writeBigUInt64BE(BigInt(init.flags ?? 0), Layout.flagsOffset);
  uuidToWire(init.messageId ?? randomUUID()).copy(out, Layout.messageIdOffset);
  payloadDigest(init.payload).copy(out, Layout.payloadDigestOffset);
  out.writeUInt32BE(init.payloadType, Layout.payloadTypeOffset);
  out.writeUInt32BE(init.payload.length, Layout.payloadLengthOffset);
  init.payload.copy(out, Layout.payloadOffset);
  return out;
}

/**
 * Decodes and validates one binary frame. Throws {@link ProtocolError} when the frame is short, its
 * lengths disagree, or the payload does not match its SHA-256 digest (checked, like the plugin's
 * `Validate`, for every non-empty payload; start/pause publication carry none worth checking).
 */
export function decodeClientMessage(frame: Buffer): ClientMessage {
  if (frame.length < Layout.payloadOffset) {
    throw new ProtocolError(`Frame of ${frame.length} bytes is shorter than the 120-byte header`);
  }
  const headerLength = frame.readUInt32BE(0);
  if (headerLength === 0) throw new ProtocolError('HeaderLength is zero');
  const payloadStart = headerLength + 4;
  if (payloadStart > frame.length) {
    throw new ProtocolError(
      `HeaderLength ${headerLength} points past the end of a ${frame.length}-byte frame`,
    );
  }
  const messageType = frame
    .subarray(Layout.messageTypeOffset, Layout.messageTypeOffset + Layout.messageTypeLength)
    .toString('utf8')
    .replace(/\0/g, '')
    .trim();
  if (!messageType) throw new ProtocolError('MessageType is empty');
  const payloadLength = frame.readUInt32BE(Layout.payloadLengthOffset);
  const payload = frame.subarray(payloadStart);
  if (payload.length !== payloadLength) {
    throw new ProtocolError(
      `PayloadLength says ${payloadLength} bytes but the frame carries ${payload.length}`,
    );
  }
  const publication =
    messageType === MessageType.StartPublication || messageType === MessageType.PausePublication;
  if (payloadLength > 0 && !publication) {
    const digest = frame.subarray(Layout.payloadDigestOffset, Layout.payloadDigestOffset + 32);
    if (!payloadDigest(payload).equals(digest)) {
      throw new ProtocolError(`Payload digest mismatch on a ${messageType} message`);
    }
  }
  return {
    messageType,
    schemaVersion: frame.readUInt32BE(Layout.schemaVersionOffset),
    createdDate: Number(frame.readBigUInt64BE(Layout.createdDateOffset)),
    sequenceNumber: Number(frame.readBigInt64BE(Layout.sequenceNumberOffset)),
    flags: Number(frame.readBigUInt64BE(Layout.flagsOffset)),
    messageId: uuidFromWire(frame.subarray(Layout.messageIdOffset, Layout.messageIdOffset + 16)),
    payloadType: frame.readUInt32BE(Layout.payloadTypeOffset),
    payload,
  };
}

/** The payload of an acknowledge message (`AcknowledgeContent` in clientmessage.go). */
export interface AcknowledgeContent {
  AcknowledgedMessageType: string;
  AcknowledgedMessageId: string;
  AcknowledgedMessageSequenceNumber: number;
  IsSequentialMessage: boolean;
}

/**
 * The acknowledge frame for a received message. Sequence 0 and flags 3 (SYN|FIN: a one-message
 * stream) match `SerializeClientMessageWithAcknowledgeContent`.
 */
export function encodeAcknowledge(of: ClientMessage, createdDate?: number): Buffer {
  const content: AcknowledgeContent = {
    AcknowledgedMessageType: of.messageType,
    AcknowledgedMessageId: of.messageId,
    AcknowledgedMessageSequenceNumber: of.sequenceNumber,
    IsSequentialMessage: true,
  };
  return encodeClientMessage({
    messageType: MessageType.Acknowledge,
    payloadType: 0,
    payload: Buffer.from(JSON.stringify(content)),
    sequenceNumber: 0,
    flags: 3,
    ...(createdDate === undefined ? {} : { createdDate }),
  });
}

/** A `Flag` payload: the flag as a big-endian uint32. */
export function encodeFlag(flag: number): Buffer {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(flag, 0);
  return out;
}

/** Parses a JSON payload, turning a syntax error into a {@link ProtocolError} naming what it was. */
export function parseJsonPayload<T>(payload: Buffer, what: string): T {
  try {
    return JSON.parse(payload.toString('utf8')) as T;
  } catch (error) {
    throw new ProtocolError(`${what} payload is not JSON: ${(error as Error).message}`);
  }
}
