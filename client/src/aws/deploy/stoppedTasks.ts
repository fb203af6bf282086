/**
 * The stopped tasks of a watched service: listed when something stopped (an event names stopped
 * tasks, or a deployment's failed count rises), described once, and kept for the whole watch,
 * after ECS has forgotten them.
 */
import type { RolloutSource, ServiceEventView, TaskView } from './types';

/** Task ids named in an event such as "(service web) has stopped 2 running tasks: (task a) (task b)." */
export function stoppedTaskIdsInEvent(message: string): string[] {
  if (!/has stopped \d+ running tasks?/.test(message)) return [];
  return [...message.matchAll(/\(task ([^)\s]+)\)/g)].map((m) => m[1] ?? '').filter(Boolean);
}

export class StoppedTaskCollector {
  private readonly knownStopped = new Map<string, TaskView>();
  private readonly pendingStops = new Map<string, number>();
  private lastFailedTotal = 0;

  constructor(
    private readonly source: RolloutSource,
    private readonly cluster: string,
    private readonly service: string,
  ) {}

  /** Every stopped task seen so far. */
  tasks(): TaskView[] {
    return [...this.knownStopped.values()];
  }

  /** Fetches tasks that stopped, when events or failed counts say some did. */
  async collect(fresh: ServiceEventView[], failedTotal: number, signal: AbortSignal): Promise<boolean> {
    const { cluster, service } = this;
    for (const e of fresh) for (const id of stoppedTaskIdsInEvent(e.message)) this.pendingStops.set(id, 0);
    if (failedTotal > this.lastFailedTotal) {
      this.lastFailedTotal = failedTotal;
      // Every page (the source bounds it): ECS lists stopped tasks in no useful order, so the
      // first page can hold only what an earlier rollout stopped.
      const listed = await this.source.listStoppedTasks(cluster, service, signal);
      if (listed.ok) {
        for (const arn of listed.value)
          if (!this.knownStopped.has(arn) && !this.pendingStops.has(arn)) this.pendingStops.set(arn, 0);
      }
    }
    if (this.pendingStops.size === 0) return false;
    // At most 3 DescribeTasks of 100 per poll; the rest waits for the next poll.
    const ids = [...this.pendingStops.keys()].slice(0, 300);
    let changed = false;
    for (let i = 0; i < ids.length && !signal.aborted; i += 100) {
      if (await this.describeChunk(cluster, ids.slice(i, i + 100), signal)) changed = true;
    }
    return changed;
  }

  /** Describes pending stopped tasks; says whether a new one was seen. */
  private async describeChunk(cluster: string, ids: string[], signal: AbortSignal): Promise<boolean> {
    const described = await this.source.describeTasks(cluster, ids, signal);
    if (!described.ok) return false;
    const byId = new Map(described.value.map((t) => [t.taskArn, t]));
    let changed = false;
    for (const id of ids) {
      const task = byId.get(id) ?? described.value.find((t) => t.taskArn.endsWith(`/${id}`));
      const tries = (this.pendingStops.get(id) ?? 0) + 1;
      if (task?.lastStatus === 'STOPPED') {
        this.pendingStops.delete(id);
        if (!this.knownStopped.has(task.taskArn)) {
          this.knownStopped.set(task.taskArn, task);
          changed = true;
        }
      } else if (!task || tries >= 5) {
        // Unknown to ECS, or still stopping after several polls: stop asking.
        this.pendingStops.delete(id);
      } else {
        this.pendingStops.set(id, tries);
      }
    }
    return changed;
  }
}
