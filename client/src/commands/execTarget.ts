/** Reading what an exec command was invoked on (a container or task node of the explorer). */
import type { Connection, Task } from '../aws/gateway';

/** What a command was invoked on. */
export interface ExecTarget {
  connection: Connection;
  task: Task;
  containerName?: string;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/** Reads a container node (`container` + `taskNode.task`) or a task node (`task`), structurally. */
export function targetOf(
  arg: unknown,
): { connection?: Connection; task: Task; containerName?: string } | undefined {
  if (!isObject(arg)) return undefined;
  const connection = isObject(arg.connection) ? (arg.connection as unknown as Connection) : undefined;
  const withConnection = <T extends object>(t: T) => (connection ? { ...t, connection } : t);
  const taskNode = arg.taskNode;
  const container = arg.container;
  if (isObject(container) && isObject(taskNode) && isObject(taskNode.task)) {
    return withConnection({ task: taskNode.task as unknown as Task, containerName: String(container.name) });
  }
  if (isObject(arg.task) && typeof arg.task.arn === 'string') {
    const name = typeof arg.containerName === 'string' ? arg.containerName : undefined;
    return withConnection({ task: arg.task as unknown as Task, ...(name ? { containerName: name } : {}) });
  }
  return undefined;
}

export const shortId = (task: Task): string => task.id.slice(0, 8);
