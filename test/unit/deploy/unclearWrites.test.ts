/**
 * Writes whose outcome the client cannot see — a slow or lost response — through the real SDK and
 * the emulator's fault injection: RegisterTaskDefinition never registers twice and reports a
 * recovery only when it found the revision; UpdateService is read back and reported as it is.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ListTaskDefinitionsCommand, type ECSClient } from '@aws-sdk/client-ecs';
import { createAwsGateway, type AwsGateway } from '../../../client/src/aws/awsGateway';
import { EcsDeployApi } from '../../../client/src/aws/deploy/ecsDeployApi';
import type { JsonObject } from '../../../client/src/aws/deploy/normalize';
import { registerRevision } from '../../../client/src/aws/deploy/register';
import { updateServiceAndReadBack } from '../../../client/src/aws/deploy/unclearWrites';
import type { Connection } from '../../../client/src/aws/gateway';
import type { EcsClientPool } from '../../../client/src/aws/sdkClients';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { sdkClient, steadyService, taskDefinition } from './setup';

describe('writes with an unclear outcome', () => {
  let emu: RunningEmulator;
  let ecs: ECSClient;
  let gateway: AwsGateway;
  let connection: Connection;
  let api: EcsDeployApi;
  const names = { cluster: 'unclear', service: 'web', family: 'web' };

  before(async () => {
    emu = await startEmulator({ scenario: 'empty', speed: 200 });
    ecs = sdkClient(emu.url, emu.region);
    gateway = createAwsGateway();
    connection = { profile: 'default', region: emu.region, endpoint: emu.url };
    api = new EcsDeployApi(gateway, connection);
    await steadyService(ecs, names, 'registry.example/web:1.0.0', 2);
  });
  after(async () => {
    gateway.dispose();
    ecs.destroy();
    await emu.stop();
  });

  const revisionsOf = async (family: string): Promise<string[]> =>
    (await ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family }))).taskDefinitionArns ?? [];

  for (const latencyMs of [6500, 8000]) {
    it(`registers once when ECS answers after ${latencyMs / 1000} s`, async () => {
      const family = `slow-${latencyMs}`;
      const before = emu.calls.count('RegisterTaskDefinition');
      emu.faults.set({ operation: 'RegisterTaskDefinition', kind: 'latency', latencyMs, count: 1 });
      const steps: string[] = [];
      const result = await registerRevision(
        api,
        taskDefinition(family, 'registry.example/slow:1') as unknown as JsonObject,
        { onStep: (s) => steps.push(s) },
      );
      const revisions = await revisionsOf(family);
      assert.equal(revisions.length, 1, `one revision: ${revisions.join(', ')}\n${steps.join('\n')}`);
      assert.equal(emu.calls.count('RegisterTaskDefinition') - before, 1, 'one request');
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      assert.equal(result.value.revision.arn, revisions[0]);
      // "Recovered" only when the response really was lost and the revision found by content.
      if (result.value.recovered) assert.match(steps.join('\n'), /Found .* with the content sent/);
    });
  }

  it('says it cannot know, and shows what is registered, when the revision does not appear', async () => {
    const family = 'never-appears';
    await api.register(taskDefinition(family, 'registry.example/old:1') as unknown as JsonObject);
    let sent = 0;
    const lossy = {
      register: () => {
        sent++;
        return Promise.resolve({
          ok: false as const,
          error: { kind: 'network' as const, ambiguous: true, message: 'Connection reset.' },
        });
      },
      describeTaskDefinition: (f: string) => api.describeTaskDefinition(f),
      listRevisions: (f: string) => api.listRevisions(f),
    };
    const result = await registerRevision(
      lossy,
      taskDefinition(family, 'registry.example/new:2') as unknown as JsonObject,
      { checkDelaysMs: [5, 5] },
    );
    assert.equal(sent, 1, 'never sent again while the first may still land');
    assert.ok(!result.ok);
    assert.equal(result.error.ambiguous, true);
    assert.match(result.error.message, /may or may not have been registered/);
    assert.match(result.error.message, /never-appears:1/, 'names what is registered');
  });

  it('reads the service back after a reset UpdateService that was applied', async () => {
    // The request reaches the emulator and is applied; the connection resets before the answer.
    const pool = (gateway as unknown as { pool: EcsClientPool }).pool;
    const client = await pool.get(connection);
    let toLose = 1;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === 'UpdateServiceCommand' && toLose > 0) {
          toLose--;
          throw Object.assign(new Error('socket hang up'), { name: 'Error', code: 'ECONNRESET' });
        }
        return result;
      },
      { step: 'initialize', name: 'resetUpdateService' },
    );
    try {
      const outcome = await updateServiceAndReadBack(
        api,
        { cluster: names.cluster, service: names.service, desiredCount: 3 },
        (s) => s.desiredCount === 3,
      );
      assert.equal(outcome.kind, 'applied', JSON.stringify(outcome));
      assert.equal(outcome.kind === 'applied' && outcome.service.desiredCount, 3);
      assert.equal(outcome.kind === 'applied' && outcome.readBack, true);
    } finally {
      client.middlewareStack.remove('resetUpdateService');
    }
  });

  it('says "may have been applied" when neither the write nor the read-back answers', async () => {
    const failing = {
      updateService: () =>
        Promise.resolve({
          ok: false as const,
          error: { kind: 'network' as const, ambiguous: true, message: 'Connection reset.' },
        }),
      describeService: () =>
        Promise.resolve({
          ok: false as const,
          error: { kind: 'network' as const, ambiguous: true, message: 'Cannot reach ECS.' },
        }),
    };
    const outcome = await updateServiceAndReadBack(
      failing,
      { cluster: names.cluster, service: names.service, desiredCount: 5 },
      (s) => s.desiredCount === 5,
    );
    assert.equal(outcome.kind, 'unknown');
  });
});
