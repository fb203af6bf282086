/**
 * Why tasks stopped, remembered: ECS forgets stopped tasks after about an hour, but the reason a
 * service crash-looped at 3 am is still wanted at 9. Kept in workspace storage (a vscode Memento:
 * here only its get/update shape), bounded per scope (a service or a cluster) and overall.
 */
import { exitCodeOf } from './health';
import type { Task } from '../../aws/gateway';

/** The Memento methods used (vscode's `context.workspaceState`). */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

/** A stopped task as remembered (JSON-safe: times in ms). */
export interface RememberedStop {
  readonly arn: string;
  readonly id: string;
  readonly revision: string;
  readonly stoppedAt?: number;
  readonly seenAt: number;
  readonly startedBy?: string;
  readonly stopCode?: string;
  readonly stoppedReason?: string;
  readonly exitCode?: number;
  readonly container?: string;
  readonly containerReason?: string;
}

const KEY = 'ecsWorkbench.stoppedTasks.v1';
export const PER_SCOPE = 200;
export const SCOPES = 50;

export function rememberedOf(t: Task, seenAt: number): RememberedStop {
  const exitCode = exitCodeOf(t);
  const c = t.containers.find((x) => x.exitCode === exitCode && exitCode !== undefined) ?? t.containers[0];
  return {
    arn: t.arn,
    id: t.id,
    revision: `${t.family}:${t.revision}`,
    ...(t.stoppedAt ? { stoppedAt: t.stoppedAt.getTime() } : {}),
    seenAt,
    ...(t.startedBy ? { startedBy: t.startedBy } : {}),
    ...(t.stopCode ? { stopCode: t.stopCode } : {}),
    ...(t.stoppedReason ? { stoppedReason: t.stoppedReason } : {}),
    ...(exitCode !== undefined ? { exitCode } : {}),
    ...(c ? { container: c.name } : {}),
    ...(c?.reason ? { containerReason: c.reason } : {}),
  };
}

export class StoppedMemory {
  constructor(
    private readonly memento: MementoLike | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  private all(): Record<string, RememberedStop[]> {
    return this.memento?.get<Record<string, RememberedStop[]>>(KEY) ?? {};
  }

  /** What is remembered of a scope, newest first. */
  list(scope: string): RememberedStop[] {
    return this.all()[scope] ?? [];
  }

  /** Remembers stopped tasks just read (only writes when something new was seen). */
  remember(scope: string, tasks: readonly Task[]): void {
    if (!this.memento || tasks.length === 0) return;
    const all = this.all();
    const known = new Map((all[scope] ?? []).map((r) => [r.arn, r]));
    let added = false;
    const seenAt = this.now();
    for (const t of tasks) {
      if (t.lastStatus !== 'STOPPED' || known.has(t.arn)) continue;
      known.set(t.arn, rememberedOf(t, seenAt));
      added = true;
    }
    if (!added) return;
    const rows = [...known.values()]
      .sort((a, b) => (b.stoppedAt ?? b.seenAt) - (a.stoppedAt ?? a.seenAt) || a.id.localeCompare(b.id))
      .slice(0, PER_SCOPE);
    // The scope written last goes last; the least recently written scopes go first.
    const { [scope]: _old, ...rest } = all;
    const scopes = Object.entries({ ...rest, [scope]: rows }).slice(-SCOPES);
    void this.memento.update(KEY, Object.fromEntries(scopes));
  }
}
