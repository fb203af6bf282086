/**
 * Writes whose outcome the client cannot see — a slow or lost response — through the real SDK and
 * the emulator's fault injection: RegisterTaskDefinition never registers twice and reports a
 * recovery only when it found the revision; UpdateService is read back and reported as it is.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ListTaskDefinitionsCommand } from '@aws-sdk/client-ecs';

import type { JsonObject } from '../../../client/src/aws/deploy/normalize';
import { registerRevision } from '../../../client/src/aws/deploy/register';
import { updateServiceAndReadBack } from '../../../client/src/aws/deploy/unclearWrites';

import { deploySuite, loseResponses, taskDefinition } from './setup';

describe('writes with an unclear outcome', () => {
  const names = { cluster: 'unclear', service: 'web', family: 'web' };
  const d = deploySuite(names, 'registry.example/web:1.0.0');

  const revisionsOf = async (family: string): Promise<string[]> =>
    (await d.ecs.send(new ListTaskDefinitionsCommand({ familyPrefix: family }))).taskDefinitionArns ?? [];

  for (const latencyMs of [6500, 8000]) {
    it(`registers once when ECS answers after ${latencyMs / 1000} s`, async () => {
      const family = `slow-${latencyMs}`;
      const before = d.emu.calls.count('RegisterTaskDefinition');
      d.emu.faults.set({ operation: 'RegisterTaskDefinition', kind: 'latency', latencyMs, count: 1 });
      const steps: string[] = [];
      const result = await registerRevision(
        d.api,
        taskDefinition(family, 'registry.example/slow:1') as unknown as JsonObject,
        { onStep: (s) => steps.push(s) },
      );
      const revisions = await revisionsOf(family);
      assert.equal(revisions.length, 1, `one revision: ${revisions.join(', ')}\n${steps.join('\n')}`);
      assert.equal(d.emu.calls.count('RegisterTaskDefinition') - before, 1, 'one request');
      assert.ok(result.ok, result.ok ? '' : result.error.message);
      assert.equal(result.value.revision.arn, revisions[0]);
      // "Recovered" only when the response really was lost and the revision found by content.
      if (result.value.recovered) assert.match(steps.join('\n'), /Found .* with the content sent/);
    });
  }

  it('says it cannot know, and shows what is registered, when the revision does not appear', async () => {
    const family = 'never-appears';
    await d.api.register(taskDefinition(family, 'registry.example/old:1') as unknown as JsonObject);
    let sent = 0;
    const lossy = {
      register: () => {
        sent++;
        return Promise.resolve({
          ok: false as const,
          error: { kind: 'network' as const, ambiguous: true, message: 'Connection reset.' },
        });
      },
      describeTaskDefinition: (f: string) => d.api.describeTaskDefinition(f),
      listRevisions: (f: string) => d.api.listRevisions(f),
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
    const client = await d.gatewayClient();
    const reset = loseResponses(client, 'UpdateServiceCommand', { name: 'Error', code: 'ECONNRESET' });
    try {
      const outcome = await updateServiceAndReadBack(
        d.api,
        { cluster: names.cluster, service: names.service, desiredCount: 3 },
        (s) => s.desiredCount === 3,
      );
      assert.equal(outcome.kind, 'applied', JSON.stringify(outcome));
      assert.equal(outcome.kind === 'applied' && outcome.service.desiredCount, 3);
      assert.equal(outcome.kind === 'applied' && outcome.readBack, true);
    } finally {
      reset.remove();
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
