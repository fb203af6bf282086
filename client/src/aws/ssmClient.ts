/**
 * Session Manager (SSM) for port forwarding: StartSession with `AWS-StartPortForwardingSession` on
 * an ECS target, and TerminateSession. One client per connection, loaded on first use like the ECS
 * and Logs clients; failures come back as `GatewayError` values.
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import { toGatewayError } from './errors';
import { fail, ok, type Connection, type Result } from './gateway';
import { ClientPool, connectionClient, loadSsmSdk } from './sdkClients';

/** A data channel session: what ExecuteCommand and StartSession both return. */
export interface StreamSession {
  readonly sessionId: string;
  readonly streamUrl: string;
  readonly tokenValue: string;
}

/** `ecs:CLUSTER_TASKID_RUNTIMEID`, the Session Manager target of an ECS container. */
export function ecsSessionTarget(clusterName: string, taskId: string, runtimeId: string): string {
  return `ecs:${clusterName}_${taskId}_${runtimeId}`;
}

export class SsmSessions {
  private readonly pool = new ClientPool<SSMClient>((c) =>
    connectionClient(c, loadSsmSdk, (sdk, config) => new sdk.SSMClient(config)),
  );

  private client(c: Connection): Promise<SSMClient> {
    return this.pool.get(c);
  }

  /** StartSession `AWS-StartPortForwardingSession` to `portNumber` of the target's container. */
  async startPortForwarding(
    c: Connection,
    target: string,
    portNumber: number,
    localPortNumber: number,
  ): Promise<Result<StreamSession>> {
    try {
      const [sdk, client] = await Promise.all([loadSsmSdk(), this.client(c)]);
      const r = await client.send(
        new sdk.StartSessionCommand({
          Target: target,
          DocumentName: 'AWS-StartPortForwardingSession',
          Parameters: { portNumber: [String(portNumber)], localPortNumber: [String(localPortNumber)] },
        }),
      );
      if (!r.SessionId || !r.StreamUrl || !r.TokenValue) throw new Error('StartSession returned no session');
      return ok({ sessionId: r.SessionId, streamUrl: r.StreamUrl, tokenValue: r.TokenValue });
    } catch (error) {
      return fail(toGatewayError(error, c, 'StartSession'));
    }
  }

  /** TerminateSession; failures are ignored (the service ends idle sessions itself). */
  async terminate(c: Connection, sessionId: string): Promise<void> {
    try {
      const [sdk, client] = await Promise.all([loadSsmSdk(), this.client(c)]);
      await client.send(new sdk.TerminateSessionCommand({ SessionId: sessionId }));
    } catch {
      // Nothing to do: the session ends when its stream closes.
    }
  }

  dispose(): void {
    this.pool.dispose();
  }
}
