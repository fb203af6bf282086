/**
 * The agent's handshake (`HandshakeRequest` → `HandshakeResponse` → `HandshakeComplete`), from
 * session-manager-plugin's `src/message/handshakemessage.go` and `handleHandshakeRequest` in
 * `src/datachannel/streaming.go`. Pure: builds the answer, sends nothing.
 */

/**
 * The client version we report in the token message and the handshake. The agent gates features on
 * it (for example it multiplexes port forwarding with smux only for clients at 1.1.70 or later), so
 * it names the plugin release whose protocol this implementation follows: 1.2.0.0.
 */
export const CLIENT_VERSION = '1.2.0.0';

/** Session types the agent may announce (`config.go`: plugin names). */
export const SessionTypes = {
  Shell: 'Standard_Stream',
  InteractiveCommands: 'InteractiveCommands',
  NonInteractiveCommands: 'NonInteractiveCommands',
  Port: 'Port',
} as const;

/** `ActionStatus` in handshakemessage.go. */
export const ActionStatus = { Success: 1, Failed: 2, Unsupported: 3 } as const;

/** Payload of a HandshakeRequest (type 5). */
export interface HandshakeRequestPayload {
  AgentVersion?: string;
  RequestedClientActions?: { ActionType: string; ActionParameters?: unknown }[] | null;
}

/** One processed action of a HandshakeResponse. */
export interface ProcessedClientAction {
  ActionType: string;
  ActionStatus: number;
  ActionResult: unknown;
  Error: string;
}

/** Payload of a HandshakeResponse (type 6). */
export interface HandshakeResponsePayload {
  ClientVersion: string;
  ProcessedClientActions: ProcessedClientAction[];
  Errors: string[];
}

/** Payload of a HandshakeComplete (type 7); the time is a Go duration, in nanoseconds. */
export interface HandshakeCompletePayload {
  HandshakeTimeToComplete?: number;
  CustomerMessage?: string;
}

/** What answering a handshake request decided. */
export interface HandshakeOutcome {
  response: HandshakeResponsePayload;
  agentVersion: string;
  sessionType?: string;
  /** The session type's properties, e.g. `{ portNumber, type }` of a port session. */
  properties?: unknown;
  /** Set when the session cannot go on (KMS encryption required): why, for the user. */
  refusal?: string;
}

/** Why encrypted sessions fail, worded for the person who started one. */
export const KMS_NOT_SUPPORTED =
  'This session requires KMS encryption (a kmsKeyId in the cluster\u2019s execute command configuration ' +
  'or the Session Manager preferences). ECS Workbench does not support encrypted sessions yet: run ' +
  '`aws ecs execute-command` with the Session Manager plugin instead.';

/**
 * Answers a HandshakeRequest. Session types are accepted; KMS encryption is declined (status Failed,
 * with an error the agent logs) and reported as a refusal, because the agent would otherwise send
 * ciphertext we cannot read; unknown actions are answered Unsupported.
 */
export function answerHandshake(
  request: HandshakeRequestPayload,
  clientVersion: string = CLIENT_VERSION,
): HandshakeOutcome {
  const outcome: HandshakeOutcome = {
    agentVersion: request.AgentVersion ?? '',
    response: { ClientVersion: clientVersion, ProcessedClientActions: [], Errors: [] },
  };
  for (const action of request.RequestedClientActions ?? []) {
    const processed: ProcessedClientAction = {
      ActionType: action.ActionType,
      ActionStatus: ActionStatus.Success,
      ActionResult: null,
      Error: '',
    };
    if (action.ActionType === 'SessionType') {
      const params = (action.ActionParameters ?? {}) as { SessionType?: string; Properties?: unknown };
      const known = Object.values(SessionTypes) as string[];
      if (params.SessionType && known.includes(params.SessionType)) {
        outcome.sessionType = params.SessionType;
        outcome.properties = params.Properties;
      } else {
        processed.ActionStatus = ActionStatus.Failed;
        processed.Error = `Failed to process action SessionType: Unknown session type ${params.SessionType ?? ''}`;
      }
    } else if (action.ActionType === 'KMSEncryption') {
      processed.ActionStatus = ActionStatus.Failed;
      processed.Error = 'Failed to process action KMSEncryption: not supported by this client';
      outcome.refusal = KMS_NOT_SUPPORTED;
    } else {
      processed.ActionStatus = ActionStatus.Unsupported;
      processed.Error = `Unsupported action ${action.ActionType}`;
    }
    if (processed.Error) outcome.response.Errors.push(processed.Error);
    outcome.response.ProcessedClientActions.push(processed);
  }
  return outcome;
}

/**
 * Whether a dotted version is strictly later than another, as the plugin's `versionvalidator.go`
 * decides: versions with different numbers of parts, or non-numeric parts, count as not later.
 */
export function isVersionAfter(version: string, than: string): boolean {
  const a = version.split('.');
  const b = than.split('.');
  if (!version || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = Number(a[i]);
    const y = Number(b[i]);
    if (!Number.isInteger(x) || !Number.isInteger(y)) return false;
    if (x !== y) return x > y;
  }
  return false;
}
