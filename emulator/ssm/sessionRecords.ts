/**
 * The sessions of the emulator's SSM agent (agent.ts), as data: what one runs, fixed when
 * ExecuteCommand or StartSession created it, and the record of a live one that tests can read.
 */

/** What a session runs, fixed when ExecuteCommand or StartSession created it. */
export interface SessionSpec {
  readonly sessionId: string;
  readonly token: string;
  readonly taskId: string;
  readonly containerName: string;
  readonly kind: 'shell' | 'port';
  /** Shell: the command of ExecuteCommand. */
  readonly command?: string;
  /** Shell: the image has no shell (the emulator's stand-in: `distroless` or `scratch` in its name). */
  readonly noShell?: boolean;
  /** Shell: the working directory (the task's scratch directory). */
  readonly cwd?: string;
  /** Port: the container port asked for. */
  readonly portNumber?: number;
  /** Port: where the agent connects; undefined when the container serves nothing there. */
  readonly target?: () => Promise<number | undefined>;
}

/** What tests can see of a live session. */
export interface SessionRecord {
  readonly sessionId: string;
  readonly kind: 'shell' | 'port';
  readonly taskId: string;
  readonly containerName: string;
  /** The last Size message: `{cols, rows}`. */
  lastSize?: { cols: number; rows: number };
  /** Port: TCP connections made to the target so far. */
  connections: number;
  /** Port: how many are open now. */
  openConnections: number;
  state: 'waiting' | 'open' | 'closed';
  exitCode?: number;
}
