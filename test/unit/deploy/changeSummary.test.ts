import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeChanges, imageTag, summarizeChanges } from '../../../client/src/aws/deploy/changeSummary';

const before = {
  family: 'web',
  cpu: '256',
  memory: '512',
  containerDefinitions: [
    {
      name: 'app',
      image: 'registry.example/web:1.4.2',
      cpu: 0,
      essential: true,
      environment: [
        { name: 'DB_PASSWORD_HINT', value: 'super-secret-old' },
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'REMOVED_KEY', value: 'gone-value' },
      ],
      secrets: [{ name: 'API_TOKEN', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/old-token' }],
    },
    { name: 'sidecar', image: 'registry.example/proxy:2' },
  ],
};

const after = {
  family: 'web',
  cpu: '512',
  memory: '1024',
  containerDefinitions: [
    {
      name: 'app',
      image: 'registry.example/web:1.5.0',
      environment: [
        { name: 'DB_PASSWORD_HINT', value: 'super-secret-new' },
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'NEW_KEY', value: 'new-value-xyz' },
      ],
      secrets: [
        { name: 'API_TOKEN', valueFrom: 'arn:aws:ssm:eu-west-1:123456789012:parameter/new-token' },
        { name: 'DB_URL', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf' },
      ],
    },
    { name: 'worker', image: 'registry.example/worker:3' },
  ],
};

describe('change summary', () => {
  it('lists images, sizes, environment keys and secret names', () => {
    const summary = summarizeChanges(before, after);
    assert.deepEqual(summary.images, [
      { container: 'app', from: 'registry.example/web:1.4.2', to: 'registry.example/web:1.5.0' },
      { container: 'worker', from: undefined, to: 'registry.example/worker:3' },
    ]);
    assert.deepEqual(summary.sizes, [
      { scope: 'task', field: 'cpu', from: '256', to: '512' },
      { scope: 'task', field: 'memory', from: '512', to: '1024' },
    ]);
    assert.deepEqual(
      summary.environment.map((e) => `${e.key}:${e.change}`),
      ['DB_PASSWORD_HINT:changed', 'NEW_KEY:added', 'REMOVED_KEY:removed'],
    );
    assert.deepEqual(
      summary.secrets.map((e) => `${e.key}:${e.change}`),
      ['API_TOKEN:changed', 'DB_URL:added'],
    );
    assert.deepEqual(summary.containersAdded, ['worker']);
    assert.deepEqual(summary.containersRemoved, ['sidecar']);
    assert.equal(summary.identical, false);
  });

  it('never shows a value of an environment variable or a secret', () => {
    const text = describeChanges(summarizeChanges(before, after)).join('\n');
    for (const value of [
      'super-secret',
      'gone-value',
      'new-value-xyz',
      'old-token',
      'new-token',
      'db-AbCdEf',
      'secretsmanager',
    ]) {
      assert.ok(!text.includes(value), `"${value}" leaked into:\n${text}`);
    }
    assert.match(text, /Image app: registry\.example\/web:1\.4\.2 → registry\.example\/web:1\.5\.0/);
    assert.match(text, /Environment app: DB_PASSWORD_HINT changed \(value hidden\)/);
    assert.match(text, /Secret app: DB_URL added \(value hidden\)/);
    assert.match(text, /Task cpu: 256 → 512/);
  });

  it('says when nothing changes, ignoring ECS defaults', () => {
    const same = structuredClone(before);
    const app = same.containerDefinitions[0];
    assert.ok(app);
    delete app.cpu;
    delete app.essential;
    const summary = summarizeChanges(before, same);
    assert.equal(summary.identical, true, JSON.stringify(summary));
    assert.deepEqual(describeChanges(summary), [
      'No changes to the task definition (same content, new revision).',
    ]);
  });

  it('flags other changes without detailing them', () => {
    const other = { ...before, taskRoleArn: 'arn:aws:iam::123456789012:role/new' };
    const summary = summarizeChanges(before, other);
    assert.equal(summary.otherChanges, true);
    assert.equal(summary.images.length, 0);
  });

  it('shortens image references to their tag', () => {
    assert.equal(imageTag('registry.example:5000/web:1.5.0'), '1.5.0');
    assert.equal(imageTag('registry.example:5000/web'), 'latest');
    assert.equal(imageTag(`web@sha256:${'a'.repeat(64)}`), 'sha256:aaaaaaaaaaaa');
  });
});
