/**
 * The background refresh of what the explorer shows: services are described again in
 * DescribeServices batches of 10 per cluster (the only call that says what a service row shows),
 * and nothing else. Which services, and how often, the caller decides; this module is free of
 * vscode so the benchmark counts the same calls the tree makes.
 */
import {
  connectionKey,
  type Connection,
  type EcsGateway,
  type Priority,
  type Service,
} from '../../aws/gateway';

/** A service row as the refresh sees it. */
export interface RefreshableService {
  readonly connection: Connection | undefined;
  readonly service: Service;
  /** Takes the new description; says whether the row or its children would look different. */
  update(service: Service): boolean;
}

/**
 * Describes `services` again (fresh, batched by cluster); returns those whose description changed.
 * A failed batch leaves its rows as they are: the next refresh tries again.
 */
export async function refreshServices<T extends RefreshableService>(
  gateway: EcsGateway,
  services: Iterable<T>,
  priority: Priority = 'background',
): Promise<T[]> {
  const groups = new Map<string, { conn: Connection; cluster: string; nodes: T[] }>();
  for (const node of services) {
    const conn = node.connection;
    if (!conn) continue;
    const key = `${connectionKey(conn)}|${node.service.clusterArn}`;
    const group = groups.get(key) ?? { conn, cluster: node.service.clusterArn, nodes: [] };
    group.nodes.push(node);
    groups.set(key, group);
  }
  const changed: T[] = [];
  await Promise.all(
    [...groups.values()].map(async ({ conn, cluster, nodes }) => {
      const r = await gateway.describeServices(
        conn,
        cluster,
        nodes.map((n) => n.service.name),
        { priority, maxAge: 0 },
      );
      if (!r.ok) return;
      // Cached listings of the cluster are older than these descriptions: never show them again.
      gateway.invalidate(conn, cluster);
      const byArn = new Map(r.value.map((s) => [s.arn, s]));
      for (const node of nodes) {
        const fresh = byArn.get(node.service.arn);
        if (fresh && node.update(fresh)) changed.push(node);
      }
    }),
  );
  return changed;
}

/** Every this many ticks, services out of sight (collapsed clusters, healthy) are described too. */
export const FULL_REFRESH_EVERY = 6;
