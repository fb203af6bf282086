/**
 * The agent's end of the Session Manager data-channel framing: the binary `ClientMessage` that the
 * SSM agent and session-manager-plugin exchange (amazon-ssm-agent `agent/session/contracts/
 * agentmessage.go`, session-manager-plugin `src/message/clientmessage.go`). Written here from the
 * protocol description, not shared with the extension, so that the emulator checks the extension's
 * framing instead of agreeing with it by construction (test/unit/emulator/ssmFraming.test.ts
 * compares the two byte for byte).
 *
 * Big-endian header of 120 bytes: HeaderLength (116), MessageType (32 bytes, space padded),
 * SchemaVersion, CreatedDate (ms), SequenceNumber, Flags, MessageId (UUID halves swapped),
 * PayloadDigest (SHA-256), PayloadType, PayloadLength; then the payload.
 */
import { createHash, randomUUID } from 'node:crypto';

export const INPUT = 'input_stream_data';
export const OUTPUT = 'output_stream_data';
export const ACK = 'acknowledge';
export const CHANNEL_CLOSED = 'channel_closed';

/** Payload types on the wire. */
export const Payload = {
  Output: 1,
  Size: 3,
  HandshakeRequest: 5,
  HandshakeResponse: 6,
  HandshakeComplete: 7,
  Flag: 10,
  StdErr: 11,
  ExitCode: 12,
} as const;

/** Flag payload values (big-endian uint32). */
export const Flag = { DisconnectToPort: 1, TerminateSession: 2, ConnectToPortError: 3 } as const;

const HEADER_LENGTH = 116;
const PAYLOAD_AT = 120;

export interface Frame {
  type: string;
  schemaVersion: number;
  createdDate: number;
  sequence: number;
  flags: number;
  messageId: string;
  payloadType: number;
  payload: Buffer;
}

function idBytes(uuid: string): Buffer {
  const raw = Buffer.from(uuid.replace(/-/g, ''), 'hex');
  // Least significant half first, as the Go implementations write a UUID.
  return Buffer.concat([raw.subarray(8), raw.subarray(0, 8)]);
}

function idString(bytes: Buffer): string {
  const h = Buffer.concat([bytes.subarray(8, 16), bytes.subarray(0, 8)]).toString('hex');
  return [h.slice(0, 8), h.slice(8, 12), h.slice(12, 16), h.slice(16, 20), h.slice(20)].join('-');
}

/** Encodes one frame; everything but type, payload type and payload has a default. */
export function encodeFrame(f: Partial<Frame> & Pick<Frame, 'type' | 'payloadType' | 'payload'>): Buffer {
  const out = Buffer.alloc(PAYLOAD_AT + f.payload.length, 0);
  out.writeUInt32BE(HEADER_LENGTH, 0);
  out.write(f.type.padEnd(32, ' '), 4, 32, 'ascii');
  out.writeUInt32BE(f.schemaVersion ?? 1, 36);
  out.writeBigUInt64BE(BigInt(f.createdDate ?? Date.now()), 40);
  out.writeBigInt64BE(BigInt(f.sequence ?? 0), 48);
  out.writeBigUInt64BE(BigInt(f.flags ?? 0), 56);
  idBytes(f.messageId ?? randomUUID()).copy(out, 64);
  createHash('sha256').update(f.payload).digest().copy(out, 80);
  out.writeUInt32BE(f.payloadType, 112);
  out.writeUInt32BE(f.payload.length, 116);
  f.payload.copy(out, PAYLOAD_AT);
  return out;
}

/** Decodes one frame; undefined when it is short, inconsistent or fails its digest. */
export function decodeFrame(buf: Buffer): Frame | undefined {
  if (buf.length < PAYLOAD_AT) return undefined;
  const start = buf.readUInt32BE(0) + 4;
  const length = buf.readUInt32BE(116);
  if (start > buf.length || buf.length - start !== length) return undefined;
  const payload = buf.subarray(start);
  const type = buf.toString('ascii', 4, 36).replace(/[\s\0]+$/, '');
  if (length > 0 && !createHash('sha256').update(payload).digest().equals(buf.subarray(80, 112))) {
    return undefined;
  }
  return {
    type,
    schemaVersion: buf.readUInt32BE(36),
    createdDate: Number(buf.readBigUInt64BE(40)),
    sequence: Number(buf.readBigInt64BE(48)),
    flags: Number(buf.readBigUInt64BE(56)),
    messageId: idString(buf.subarray(64, 80)),
    payloadType: buf.readUInt32BE(112),
    payload,
  };
}

/** The acknowledgement of a received stream message. */
export function encodeAck(of: Frame): Buffer {
  const content = {
    AcknowledgedMessageType: of.type,
    AcknowledgedMessageId: of.messageId,
    AcknowledgedMessageSequenceNumber: of.sequence,
    IsSequentialMessage: true,
  };
  return encodeFrame({ type: ACK, payloadType: 0, payload: Buffer.from(JSON.stringify(content)), flags: 3 });
}

/** smux v1 (xtaci/smux), as the agent multiplexes port forwarding: ver, cmd, len (LE), sid (LE). */
export const Smux = { SYN: 0, FIN: 1, PSH: 2, NOP: 3 } as const;

export function smuxFrame(cmd: number, sid: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const out = Buffer.alloc(8 + data.length);
  out[0] = 1;
  out[1] = cmd;
  out.writeUInt16LE(data.length, 2);
  out.writeUInt32LE(sid, 4);
  data.copy(out, 8);
  return out;
}

/** Cuts a byte stream into smux frames. */
export class SmuxReader {
  private rest: Buffer = Buffer.alloc(0);
  push(chunk: Buffer): { cmd: number; sid: number; data: Buffer }[] {
    this.rest = this.rest.length ? Buffer.concat([this.rest, chunk]) : chunk;
    const frames: { cmd: number; sid: number; data: Buffer }[] = [];
    while (this.rest.length >= 8) {
      const len = this.rest.readUInt16LE(2);
      if (this.rest.length < 8 + len) break;
      frames.push({
        cmd: this.rest[1] ?? 0,
        sid: this.rest.readUInt32LE(4),
        data: Buffer.from(this.rest.subarray(8, 8 + len)),
      });
      this.rest = this.rest.subarray(8 + len);
    }
    return frames;
  }
}
