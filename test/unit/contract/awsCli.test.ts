import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ListServicesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import { close, fargateTaskDefinition, network, suiteEmulator, withEmulator } from '../emulator/helpers';

/**
 * Contract tests: the emulator driven by independent clients — the real SDK v3 and Debian's AWS CLI
 * v2 (/usr/bin/aws, 2.9.19; CI installs the `awscli` package, see .ci/run). That CLI predates
 * StartLiveTail (`aws logs start-live-tail`) and the service deployment operations
 * (`aws ecs list-service-deployments` / `stop-service-deployment`), so those are not driven here;
 * they are covered with the SDK in test/unit/emulator/.
 */

const AWS = '/usr/bin/aws';
const hasCli = existsSync(AWS);
const cliEnv = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_PAGER: '',
};

/** Runs the CLI asynchronously (the emulator runs in this process: a sync spawn would deadlock it). */
function aws(
  url: string,
  args: string[],
  timeoutMs = 60000,
): Promise<{ status: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(AWS, ['--endpoint-url', url, '--region', 'us-east-1', '--output', 'json', ...args], {
      env: cliEnv,
      timeout: timeoutMs,
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (status) => resolve({ status, out, err }));
  });
}

async function json<T>(run: Promise<{ status: number | null; out: string; err: string }>): Promise<T> {
  const r = await run;
  assert.equal(r.status, 0, r.err);
  return JSON.parse(r.out) as T;
}

describe('contract: task lifecycle order (Fargate)', () => {
  it('passes PROVISIONING → PENDING → ACTIVATING → RUNNING → DEACTIVATING → STOPPING → DEPROVISIONING → STOPPED', async () => {
    // Simulated time barely moves on its own (speed 0.0001); the test advances it in 100 ms steps
    // and looks at the task after each, so a skipped state cannot go unseen.
    const c = await withEmulator({ scenario: 'empty', speed: 0.0001 });
    try {
      await c.ecs.send(new CreateClusterCommand({ clusterName: 'life' }));
      await c.ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('life', 'app:1') as never));
      const run = await c.ecs.send(
        new RunTaskCommand({
          cluster: 'life',
          taskDefinition: 'life',
          launchType: 'FARGATE',
          networkConfiguration: network,
        }),
      );
      const arn = run.tasks?.[0]?.taskArn ?? '';
      const seen: string[] = [];
      const look = async (): Promise<string> => {
        const t = (await c.ecs.send(new DescribeTasksCommand({ cluster: 'life', tasks: [arn] }))).tasks?.[0];
        const s = t?.lastStatus ?? '?';
        if (seen[seen.length - 1] !== s) seen.push(s);
        return s;
      };
      for (let i = 0; i < 200 && (await look()) !== 'RUNNING'; i++) c.emu.advance(100);
      await c.ecs.send(new StopTaskCommand({ cluster: 'life', task: arn }));
      for (let i = 0; i < 200 && (await look()) !== 'STOPPED'; i++) c.emu.advance(100);
      assert.deepEqual(seen, [
        'PROVISIONING',
        'PENDING',
        'ACTIVATING',
        'RUNNING',
        'DEACTIVATING',
        'STOPPING',
        'DEPROVISIONING',
        'STOPPED',
      ]);
    } finally {
      await close(c);
    }
  });
});

describe('contract: paging with small page sizes (SDK)', () => {
  const c = suiteEmulator({ scenario: 'big', services: 23 });

  it('ListServices and ListTasks return every item exactly once, no nextToken on the last page', async () => {
    for (const [list, key] of [
      [
        (t?: string) => c.ecs.send(new ListServicesCommand({ cluster: 'big', maxResults: 4, nextToken: t })),
        'serviceArns',
      ],
      [
        (t?: string) => c.ecs.send(new ListTasksCommand({ cluster: 'big', maxResults: 7, nextToken: t })),
        'taskArns',
      ],
    ] as const) {
      const all: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const page = (await list(token)) as unknown as Record<string, unknown> & { nextToken?: string };
        all.push(...((page[key] as string[] | undefined) ?? []));
        token = page.nextToken;
        pages++;
      } while (token);
      const expected = key === 'serviceArns' ? 23 : 46;
      assert.equal(all.length, expected);
      assert.equal(new Set(all).size, expected, 'no duplicates');
      assert.equal(pages, Math.ceil(expected / (key === 'serviceArns' ? 4 : 7)));
    }
  });
});

describe(
  'contract: AWS CLI v2 (/usr/bin/aws) against the emulator',
  { skip: hasCli ? false : `${AWS} is not installed (apt-get install awscli)` },
  () => {
    const c = suiteEmulator({ scenario: 'demo', speed: 40 });

    it('ecs list-clusters and describe-services', async () => {
      const clusters = await json<{ clusterArns: string[] }>(aws(c.emu.url, ['ecs', 'list-clusters']));
      assert.equal(clusters.clusterArns.length, 3);
      const svc = await json<{ services: { serviceName: string }[] }>(
        aws(c.emu.url, ['ecs', 'describe-services', '--cluster', 'prod', '--services', 'web', 'api']),
      );
      assert.deepEqual(
        svc.services.map((s) => s.serviceName),
        ['web', 'api'],
      );
    });

    it('ecs list-services --page-size / --max-items pages through every service once', async () => {
      const all = await json<{ serviceArns: string[] }>(
        aws(c.emu.url, ['ecs', 'list-services', '--cluster', 'prod', '--page-size', '1']),
      );
      assert.equal(all.serviceArns.length, 3);
      const first = await json<{ serviceArns: string[]; NextToken?: string }>(
        aws(c.emu.url, ['ecs', 'list-services', '--cluster', 'prod', '--max-items', '2', '--page-size', '1']),
      );
      assert.equal(first.serviceArns.length, 2);
      assert.ok(first.NextToken);
      const rest = await json<{ serviceArns: string[]; NextToken?: string }>(
        aws(c.emu.url, [
          'ecs',
          'list-services',
          '--cluster',
          'prod',
          '--max-items',
          '2',
          '--page-size',
          '1',
          '--starting-token',
          first.NextToken,
        ]),
      );
      assert.equal(rest.serviceArns.length, 1);
      assert.equal(rest.NextToken, undefined);
      assert.equal(new Set([...first.serviceArns, ...rest.serviceArns]).size, 3);
    });

    it('register-task-definition --cli-input-json, update-service, wait services-stable', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'emu-cli-'));
      const file = path.join(dir, 'td.json');
      writeFileSync(file, JSON.stringify(fargateTaskDefinition('web', 'public.ecr.aws/nginx/nginx:1.28')));
      const td = await json<{ taskDefinition: { revision: number; taskDefinitionArn: string } }>(
        aws(c.emu.url, ['ecs', 'register-task-definition', '--cli-input-json', `file://${file}`]),
      );
      assert.ok(td.taskDefinition.revision >= 2);
      await json(
        aws(c.emu.url, [
          'ecs',
          'update-service',
          '--cluster',
          'prod',
          '--service',
          'web',
          '--task-definition',
          td.taskDefinition.taskDefinitionArn,
        ]),
      );
      // The waiter polls every 15 s (waiters-2.json ServicesStable); at speed 40 the rollout is done by the second poll.
      const waited = await aws(
        c.emu.url,
        ['ecs', 'wait', 'services-stable', '--cluster', 'prod', '--services', 'web'],
        110000,
      );
      assert.equal(waited.status, 0, waited.err);
    });

    it('logs filter-log-events, and logs tail --follow prints lines as they come', async () => {
      const events = await json<{ events: { message: string }[] }>(
        aws(c.emu.url, [
          'logs',
          'filter-log-events',
          '--log-group-name',
          '/ecs/web',
          '--filter-pattern',
          '%GET%',
          '--limit',
          '5',
        ]),
      );
      assert.ok(events.events.length > 0);
      assert.ok(events.events.every((e) => e.message.includes('GET')));
      // aws logs tail --follow (polling FilterLogEvents in this CLI version): spawned, killed after lines appear.
      const child = spawn(
        AWS,
        [
          '--endpoint-url',
          c.emu.url,
          '--region',
          'us-east-1',
          'logs',
          'tail',
          '/ecs/web',
          '--follow',
          '--since',
          '1m',
        ],
        {
          env: cliEnv,
        },
      );
      const killer = setTimeout(() => child.kill('SIGKILL'), 30000);
      let out = '';
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.split('\n').length > 3) resolve();
        });
        child.on('exit', () => resolve());
      });
      clearTimeout(killer);
      child.kill('SIGTERM');
      assert.ok(out.split('\n').length > 3, `tail printed: ${out}`);
      assert.match(out, /\/ecs\/web|web\//);
    });

    it(
      'skipped: aws logs start-live-tail and ecs service deployments — Debian aws-cli 2.9.19 has no such commands',
      { skip: 'aws-cli 2.9.19 predates StartLiveTail and ListServiceDeployments/StopServiceDeployment' },
      () => {},
    );
  },
);
