/**
 * Where a service's running tasks are read from when it is expanded. Pure (no `vscode`), so the
 * explorer benchmark runs the same decision as the tree.
 *
 * One ListTasks page holds at most 100 tasks and one DescribeTasks call describes at most 100 (ECS
 * API reference: ListTasks `maxResults` 1–100, DescribeTasks `tasks` up to 100). A cluster running
 * at most 100 tasks is therefore listed in the same two calls as one service's tasks, and that one
 * listing then serves every other service expanded while it is fresh. A bigger cluster listed whole
 * would make the first expansion wait for all of its pages in sequence (1,000 tasks: 20 calls, 452 ms
 * on the emulator against 56 ms for the service's own listing, `npm run bench:explorer`), so each
 * service then lists its own.
 */
import type { TaskQuery } from '../../aws/gateway';

/** Clusters running at most this many tasks (one page) are listed once for all their services. */
export const CLUSTER_WIDE_TASK_LIMIT = 100;

/** Whether a cluster with this many running and pending tasks is listed once for every service. */
export function listsClusterWide(clusterTasks: number): boolean {
  return clusterTasks <= CLUSTER_WIDE_TASK_LIMIT;
}

/** The ListTasks query behind a service's running tasks (filter the answer by service name). */
export function runningTasksQuery(clusterTasks: number, serviceName: string): TaskQuery {
  return listsClusterWide(clusterTasks)
    ? { desiredStatus: 'RUNNING' }
    : { desiredStatus: 'RUNNING', serviceName };
}
