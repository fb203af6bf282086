import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';

/**
 * The AWS event stream framing (`application/vnd.amazon.eventstream`), as a streaming operation such
 * as CloudWatch Logs StartLiveTail answers on its HTTP/1.1 response: binary messages, each with
 * `:message-type` (`event` or `exception`), `:event-type` / `:exception-type` and `:content-type`
 * headers and a JSON payload. A service writes the frames; the HTTP response is its own.
 */

export const EVENT_STREAM_CONTENT_TYPE = 'application/vnd.amazon.eventstream';

const codec = new EventStreamCodec(toUtf8, fromUtf8);

function str(value: string): MessageHeaders[string] {
  return { type: 'string', value };
}

/** An event frame as the SDK's event stream deserializer expects it. */
export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': str('event'),
      ':event-type': str(eventType),
      ':content-type': str('application/json'),
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

/**
 * The first message of an event stream on the AWS JSON protocols: the output members that are not
 * the stream, as an event of type `initial-response`. botocore's EventStream.get_initial_response
 * reads it (and fails without it); the SDK v3 merges it into the command output.
 */
export function initialResponseFrame(output: Record<string, unknown>): Uint8Array {
  return eventFrame('initial-response', output);
}

/** A modeled exception frame (SessionTimeoutException, SessionStreamingException). */
export function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': str('exception'),
      ':exception-type': str(exceptionType),
      ':content-type': str('application/json'),
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}
