import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AwsGateway } from '../../../client/src/aws/awsGateway';
import type { Connection } from '../../../client/src/aws/gateway';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { registerContainerInstance } from '../../../emulator/ecs/containerInstances';

describe('AwsGateway container instances', () => {
  let emu: RunningEmulator;
  let conn: Connection;
  before(async () => {
    emu = await startEmulator({ scenario: 'demo' });
    conn = { profile: 'test', region: emu.region, endpoint: emu.url };
  });
  after(async () => {
    await emu.stop();
  });

  it('describes the demo staging instances with registered and remaining CPU and memory', async () => {
    const gateway = new AwsGateway();
    emu.calls.reset();
    const r = await gateway.listContainerInstances(conn, 'staging');
    gateway.dispose();
    assert.ok(r.ok, r.ok ? '' : r.error.detail);
    assert.deepEqual(emu.calls.byOperation(), { ListContainerInstances: 1, DescribeContainerInstances: 1 });
    assert.equal(r.value.length, 2);
    const ids = r.value.map((ci) => ci.ec2InstanceId ?? '');
    assert.deepEqual(ids, [...ids].sort());
    for (const ci of r.value) {
      assert.deepEqual(ci.registered, { cpu: 2048, memory: 3904 });
      assert.equal(ci.status, 'ACTIVE');
      assert.equal(ci.agentConnected, true);
      assert.equal(ci.instanceType, 't3.medium');
      assert.match(ci.availabilityZone ?? '', /^us-east-1[ab]$/);
      assert.ok(ci.registeredAt instanceof Date);
    }
    // What the placed tasks reserve is what is missing from the remaining capacity.
    const running = r.value.reduce((n, ci) => n + ci.runningTasksCount, 0);
    assert.ok(running > 0, 'the demo places tasks on the instances');
    assert.ok(r.value.every((ci) => ci.remaining.cpu < ci.registered.cpu || ci.runningTasksCount === 0));
  });

  it('reads every page of a cluster with more than 100 instances', async () => {
    const cluster = emu.state.lookupCluster('batch');
    assert.ok(cluster);
    const ctx = { state: emu.state, engine: undefined as never, clock: emu.state.clock };
    for (let i = 0; i < 230; i++) registerContainerInstance(ctx, cluster, { cpu: 1024, memory: 2048 });
    const gateway = new AwsGateway();
    emu.calls.reset();
    const r = await gateway.listContainerInstances(conn, 'batch');
    gateway.dispose();
    assert.ok(r.ok, r.ok ? '' : r.error.detail);
    assert.equal(r.value.length, 230);
    assert.equal(new Set(r.value.map((ci) => ci.arn)).size, 230);
    assert.deepEqual(emu.calls.byOperation(), { ListContainerInstances: 3, DescribeContainerInstances: 3 });
    assert.ok(r.value.every((ci) => ci.remaining.memory === 2048 && ci.runningTasksCount === 0));
  });
});
