import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AwsGateway } from '../../../client/src/aws/awsGateway';
import type { Connection } from '../../../client/src/aws/gateway';
import { runningTasksQuery } from '../../../client/src/views/explorer/taskListing';
import { startEmulator } from '../../../emulator';

/** Expands services as `ServiceNode` does: the query of `taskListing.ts`, filtered by service name. */
async function expandTwo(services: number): Promise<{ calls: Record<string, number>[]; tasks: number[] }> {
  const emu = await startEmulator({ scenario: 'big', services });
  const gateway = new AwsGateway();
  try {
    const conn: Connection = { profile: 'test', region: emu.region, endpoint: emu.url };
    const clusters = await gateway.listClusters(conn);
    assert.ok(clusters.ok, clusters.ok ? '' : clusters.error.detail);
    const cluster = clusters.value.find((c) => c.name === 'big');
    assert.ok(cluster);
    const count = cluster.runningTasksCount + cluster.pendingTasksCount;
    const calls: Record<string, number>[] = [];
    const tasks: number[] = [];
    for (const name of ['svc-0001', 'svc-0002']) {
      emu.calls.reset();
      const r = await gateway.listTasks(conn, 'big', runningTasksQuery(count, name));
      assert.ok(r.ok, r.ok ? '' : r.error.detail);
      calls.push(emu.calls.byOperation());
      tasks.push(r.value.filter((t) => t.serviceName === name).length);
    }
    return { calls, tasks };
  } finally {
    gateway.dispose();
    await emu.stop();
  }
}

describe('where a service lists its running tasks', () => {
  it('a cluster of 1,000 tasks: each service its own two calls, not 20 before the first shows', async () => {
    const { calls, tasks } = await expandTwo(500);
    assert.deepEqual(calls, [
      { ListTasks: 1, DescribeTasks: 1 },
      { ListTasks: 1, DescribeTasks: 1 },
    ]);
    assert.deepEqual(tasks, [2, 2]);
  });

  it('a cluster of 80 tasks: one listing of the same two calls serves the next service too', async () => {
    const { calls, tasks } = await expandTwo(40);
    assert.deepEqual(calls, [{ ListTasks: 1, DescribeTasks: 1 }, {}]);
    assert.deepEqual(tasks, [2, 2]);
  });
});
