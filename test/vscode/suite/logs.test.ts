/**
 * Log tails in the real editor against an emulator started here, in the extension host: a service's
 * tail shows every task, the text filter hides and shows lines, a forced Live Tail session timeout
 * reconnects with no gap or duplicate, closing the terminal ends the session at the emulator, and a
 * container without awslogs explains itself.
 */
import assert from 'node:assert/strict';
import {
  ECSClient,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import * as vscode from 'vscode';
import type { EcsWorkbenchApi } from '../../../client/src/extension';
import type { LogTailView } from '../../../client/src/commands/logs';
import type { ExplorerNode } from '../../../client/src/views/explorer/nodes/index';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { activateExtension, until, useEmulatorSettings } from '../util';

const labelOf = (item: vscode.TreeItem): string =>
  typeof item.label === 'string' ? item.label : (item.label?.label ?? '');

/** Lines of log events (notices of the tail itself start with `──` after the timestamp). */
const eventLines = (tail: LogTailView): string[] => tail.renderedLines().filter((l) => !l.includes('── '));

describe('Logs', function () {
  this.timeout(120_000);
  let emu: RunningEmulator;
  let api: EcsWorkbenchApi;
  let resetSettings: (() => Promise<void>) | undefined;

  const liveTailSessions = async (): Promise<number> => {
    const response = await fetch(`${emu.url}/__admin/state`, {
      headers: { 'x-emulator-admin-token': emu.adminToken },
    });
    return ((await response.json()) as { liveTailSessions: number }).liveTailSessions;
  };
  const child = async (parent: ExplorerNode | undefined, label: string): Promise<ExplorerNode> =>
    until(`"${label}" in the explorer`, async () =>
      (await Promise.resolve(api.explorer.provider.getChildren(parent)))?.find(
        (n) => labelOf(api.explorer.provider.getTreeItem(n)) === label,
      ),
    );
  const openTail = async (arg: unknown): Promise<LogTailView> => {
    const before = new Set(api.logs.tails().map((t) => t.id));
    await vscode.commands.executeCommand('ecsWorkbench.logs.tail', arg);
    return until('the new tail', () => api.logs.tails().find((t) => !before.has(t.id)));
  };
  const webTail = async (): Promise<{ tail: LogTailView; taskIds: string[] }> => {
    const [conn] = (await Promise.resolve(api.explorer.provider.getChildren(undefined))) ?? [];
    const prod = await child(conn, 'prod');
    const web = await child(prod, 'web');
    const tasks = [...emu.state.tasks.values()]
      .filter((t) => t.clusterName === 'prod' && t.group === 'service:web' && t.lastStatus === 'RUNNING')
      .map((t) => t.id);
    assert.ok(tasks.length >= 2, `web has ${tasks.length} running tasks`);
    const tail = await openTail(web);
    await until('the tail to be live', () => tail.state === 'live');
    return { tail, taskIds: tasks };
  };

  before(async () => {
    api = await activateExtension();
    emu = await startEmulator({ scenario: 'demo', speed: 5 });
    resetSettings = await useEmulatorSettings(emu.url, { 'logs.sinceMinutes': 5 });
    // Let the demo's tasks start and write a few lines.
    await until('web tasks running', () =>
      [...emu.state.tasks.values()].some((t) => t.group === 'service:web' && t.lastStatus === 'RUNNING'),
    );
  });

  afterEach(() => {
    for (const tail of api.logs.tails()) tail.close();
  });

  after(async () => {
    await resetSettings?.();
    await emu?.stop();
  });

  it('tailing a service shows lines from each of its tasks', async () => {
    const { tail, taskIds } = await webTail();
    for (const id of taskIds) {
      await until(`a line from task ${id}`, () =>
        eventLines(tail).some((l) => l.includes(`${id.slice(0, 8)}/web`)),
      );
    }
    const sources = new Set(eventLines(tail).map((l) => /([0-9a-f]{8}\/(?:web|envoy)) [│┆]/.exec(l)?.[1]));
    assert.ok(
      [...sources].some((s) => s?.endsWith('/envoy')),
      'the sidecar is tailed too',
    );
  });

  it('follows the tasks a service starts after the tail opened', async () => {
    const { tail, taskIds } = await webTail();
    const ecs = new ECSClient({
      endpoint: emu.url,
      region: emu.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      await ecs.send(
        new UpdateServiceCommand({ cluster: 'prod', service: 'web', desiredCount: taskIds.length + 1 }),
      );
      const added = await until('a new running web task', () =>
        [...emu.state.tasks.values()].find(
          (t) =>
            t.clusterName === 'prod' &&
            t.group === 'service:web' &&
            t.lastStatus === 'RUNNING' &&
            !taskIds.includes(t.id),
        ),
      );
      await tail.followNewTasks();
      await until(`a line from the new task ${added.id}`, () =>
        eventLines(tail).some((l) => l.includes(`${added.id.slice(0, 8)}/web`)),
      );
      assert.ok(
        tail.renderedLines().some((l) => l.includes(`Following new task(s) ${added.id.slice(0, 8)}`)),
      );
    } finally {
      await ecs.send(
        new UpdateServiceCommand({ cluster: 'prod', service: 'web', desiredCount: taskIds.length }),
      );
      ecs.destroy();
    }
  });

  it('the filter hides and shows lines', async () => {
    const { tail, taskIds } = await webTail();
    const [first, second] = taskIds.map((id) => id.slice(0, 8));
    assert.ok(first && second);
    await until('lines from two tasks', () =>
      [first, second].every((id) => eventLines(tail).some((l) => l.includes(id))),
    );
    tail.setFilter(first);
    const filtered = eventLines(tail);
    assert.ok(filtered.length > 0);
    assert.ok(
      filtered.every((l) => l.includes(first) || /^\s+┆/.test(l.replace(/^\d\d:\d\d:\d\d\.\d{3}/, ''))),
      filtered.join('\n'),
    );
    assert.ok(!filtered.some((l) => l.includes(second)));
    tail.setFilter('');
    assert.ok(eventLines(tail).some((l) => l.includes(second)));
  });

  it('a forced session timeout reconnects with no gap or duplicate', async () => {
    const { tail, taskIds } = await webTail();
    const stream = `web/web/${taskIds[0] ?? ''}`;
    const run = Date.now().toString(36);
    let n = 0;
    const write = (): void => {
      const now = Date.now();
      emu.state.logs.put('/ecs/web', stream, [{ timestamp: now, message: `probe ${run} ${n++}` }], now);
    };
    const writer = setInterval(write, 15);
    try {
      await until(
        'probes on screen',
        () => eventLines(tail).filter((l) => l.includes(`probe ${run}`)).length > 20,
      );
      const sessions = tail.sessionIds.length;
      assert.equal(emu.endLiveTailSessions('timeout'), 1);
      await until(
        'a new Live Tail session',
        () => tail.sessionIds.length > sessions && tail.state === 'live',
      );
      const after = n;
      await until('probes after the reconnect', () => n > after + 30);
    } finally {
      clearInterval(writer);
    }
    const total = n;
    const probes = (): number[] =>
      eventLines(tail)
        .map((l) => new RegExp(`probe ${run} (\\d+)$`).exec(l)?.[1])
        .filter((x): x is string => x !== undefined)
        .map(Number);
    await until('every probe', () => probes().length >= total);
    const seen = probes();
    assert.equal(seen.length, total, 'no duplicate');
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      Array.from({ length: total }, (_, i) => i),
      'no gap',
    );
    assert.ok(tail.renderedLines().some((l) => l.includes('reconnecting')));
  });

  it('closing the view ends the Live Tail session', async () => {
    // Tails of earlier tests were closed after them: their sessions must be gone too.
    await until('no Live Tail session left from earlier tests', async () => (await liveTailSessions()) === 0);
    const { tail } = await webTail();
    assert.equal(await liveTailSessions(), 1);
    // The newest terminal of that name (those of earlier tests may still be listed while closing).
    const terminal = vscode.window.terminals.filter((t) => t.name === tail.title).at(-1);
    assert.ok(terminal, 'the tail has a terminal');
    terminal.dispose();
    await until('the tail to be gone', () => !api.logs.tails().some((t) => t.id === tail.id));
    await until('the emulator to see the session end', async () => (await liveTailSessions()) === 0);
  });

  it('a container without awslogs gets a message saying why and what to do', async () => {
    const ecs = new ECSClient({
      endpoint: emu.url,
      region: emu.region,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    try {
      const registered = await ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'firelens-app',
          containerDefinitions: [
            {
              name: 'app',
              image: 'public.ecr.aws/nginx/nginx:latest',
              memory: 256,
              essential: true,
              logConfiguration: {
                logDriver: 'awsfirelens',
                options: { Name: 'datadog', apikey: 'not-a-real-key' },
              },
            },
          ],
        }),
      );
      const run = await ecs.send(
        new RunTaskCommand({
          cluster: 'staging',
          taskDefinition: registered.taskDefinition?.taskDefinitionArn,
          launchType: 'EC2',
        }),
      );
      const taskArn = run.tasks?.[0]?.taskArn;
      assert.ok(taskArn, JSON.stringify(run.failures));
      const tail = await openTail({ cluster: 'staging', taskArn });
      await until('the explanation', () => tail.state === 'failed');
      assert.match(tail.problems.join('\n'), /FireLens \(awsfirelens\).*"datadog".*awslogs/s);
      assert.ok(tail.renderedLines().some((l) => l.includes('sends its logs through FireLens')));
      assert.equal(tail.sessionIds.length, 0);
    } finally {
      ecs.destroy();
    }
  });
});
