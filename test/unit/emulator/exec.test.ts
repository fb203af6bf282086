/**
 * ECS Exec and Session Manager in the emulator, through the real SDKs and the extension's own data
 * channel: DescribeTasks shows enableExecuteCommand and the ExecuteCommandAgent; ExecuteCommand
 * opens a real shell whose output comes back over the WebSocket; StartSession forwards a port to
 * the task's loopback HTTP server, two connections at once; the documented errors when exec is
 * off; a wrong token is refused; and the emulator's framing agrees byte for byte with the client's.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeTasksCommand,
  ExecuteCommandCommand,
  type ExecuteCommandCommandOutput,
  ListTasksCommand,
  RunTaskCommand,
  type Task,
} from '@aws-sdk/client-ecs';
import { SSMClient, StartSessionCommand } from '@aws-sdk/client-ssm';
import WebSocket from 'ws';
import {
  decodeClientMessage,
  encodeAcknowledge,
  encodeClientMessage,
} from '../../../client/src/exec/clientMessage';
import { DataChannel, type CloseReason } from '../../../client/src/exec/dataChannel';
import { PortForward } from '../../../client/src/exec/portForward';
import { connectStream } from '../../../client/src/exec/wsSocket';
import { EXEC_NOT_ENABLED } from '../../../emulator/ecs/executeCommand';
import { decodeFrame, encodeAck, encodeFrame } from '../../../emulator/ssm/framing';
import { close, credentials, withEmulator, type Clients } from './helpers';
import { httpGet } from '../../httpGet';
import { waitFor } from '../../waitFor';

const until = <T>(what: string, f: () => T | undefined | false | Promise<T | undefined | false>) =>
  waitFor(what, f, { timeoutMs: 10_000, intervalMs: 20 });

describe('emulator: ECS Exec and Session Manager', () => {
  let c: Clients;
  let ssm: SSMClient;
  let web: Task;

  before(async () => {
    c = await withEmulator({ scenario: 'demo' });
    ssm = new SSMClient({ endpoint: c.emu.url, region: c.emu.region, credentials, maxAttempts: 1 });
    const arns = await c.ecs.send(new ListTasksCommand({ cluster: 'prod', serviceName: 'web' }));
    const described = await c.ecs.send(new DescribeTasksCommand({ cluster: 'prod', tasks: arns.taskArns }));
    web = described.tasks!.find((t) => t.lastStatus === 'RUNNING')!;
  });
  after(async () => {
    ssm.destroy();
    await close(c);
  });

  it('DescribeTasks shows enableExecuteCommand and a RUNNING ExecuteCommandAgent for web', () => {
    assert.equal(web.enableExecuteCommand, true);
    for (const container of web.containers ?? []) {
      assert.deepEqual(
        container.managedAgents?.map((a) => [a.name, a.lastStatus]),
        [['ExecuteCommandAgent', 'RUNNING']],
      );
    }
  });

  /** ExecuteCommand: an interactive shell in the `web` container of the running web task. */
  function execShell(): Promise<ExecuteCommandCommandOutput> {
    return c.ecs.send(
      new ExecuteCommandCommand({
        cluster: 'prod',
        task: web.taskArn,
        container: 'web',
        command: '/bin/sh',
        interactive: true,
      }),
    );
  }

  it('ExecuteCommand opens a shell in the container; the data channel carries its output', async () => {
    const r = await execShell();
    assert.equal(r.containerName, 'web');
    assert.equal(r.interactive, true);
    assert.match(r.session!.streamUrl!, /^ws:\/\/127\.0\.0\.1:\d+\/v1\/data-channel\/ecs-execute-command-/);
    const channel = new DataChannel(await connectStream(r.session!.streamUrl!), {
      tokenValue: r.session!.tokenValue!,
    });
    let output = '';
    let closed: CloseReason | undefined;
    channel.on('output', (d) => (output += d.toString('utf8')));
    channel.on('close', (reason) => (closed = reason));
    channel.open();
    channel.resize({ cols: 101, rows: 33 });
    channel.sendInput('echo $((6*7)) && pwd\r');
    await until('42 in the output', () => /(\n|\$ )42\r\n/.test(output));
    assert.match(output, /ecs-emulator-exec-[^/]+\/[0-9a-f]{32}/, 'runs in the task scratch directory');
    const record = c.emu.sessions().find((s) => s.sessionId === r.session!.sessionId);
    assert.deepEqual(record?.lastSize, { cols: 101, rows: 33 });
    channel.sendInput('exit 3\r');
    await until('the session to end', () => closed);
    assert.deepEqual(closed, { kind: 'exited', exitCode: 3 });
  });

  it('a wrong token is refused and a stream opens only once', async () => {
    const r = await execShell();
    const channel = new DataChannel(await connectStream(r.session!.streamUrl!), { tokenValue: 'guess' });
    let closed: CloseReason | undefined;
    channel.on('close', (reason) => (closed = reason));
    channel.open();
    await until('the refusal', () => closed);
    assert.equal(closed?.kind, 'error');
    await assert.rejects(connectStream(r.session!.streamUrl!), /Could not open the session stream/);
  });

  it('ExecuteCommand is InvalidParameterException with the documented message when exec is off', async () => {
    const arns = await c.ecs.send(new ListTasksCommand({ cluster: 'staging', serviceName: 'worker' }));
    await assert.rejects(
      c.ecs.send(
        new ExecuteCommandCommand({
          cluster: 'staging',
          task: arns.taskArns![0],
          command: '/bin/sh',
          interactive: true,
        }),
      ),
      (e: Error) => e.name === 'InvalidParameterException' && e.message === EXEC_NOT_ENABLED,
    );
  });

  it('RunTask with enableExecuteCommand: the agent goes PENDING then RUNNING with the task', async () => {
    const run = await c.ecs.send(
      new RunTaskCommand({ cluster: 'staging', taskDefinition: 'admin', enableExecuteCommand: true }),
    );
    const arn = run.tasks![0]!.taskArn!;
    assert.equal(run.tasks![0]!.enableExecuteCommand, true);
    assert.equal(run.tasks![0]!.containers![0]!.managedAgents![0]!.lastStatus, 'PENDING');
    await until('the agent RUNNING', async () => {
      const d = await c.ecs.send(new DescribeTasksCommand({ cluster: 'staging', tasks: [arn] }));
      return d.tasks![0]!.containers![0]!.managedAgents![0]!.lastStatus === 'RUNNING';
    });
    // An agent that stopped (the emulator's test switch) makes ExecuteCommand fail as documented.
    c.emu.state.tasks.get(arn)!.execAgentStatus = 'STOPPED';
    await assert.rejects(
      c.ecs.send(
        new ExecuteCommandCommand({ cluster: 'staging', task: arn, command: 'ls', interactive: true }),
      ),
      (e: Error) => e.name === 'InvalidParameterException' && /execute command agent/.test(e.message),
    );
  });

  it('StartSession forwards a container port: two HTTP requests at once through one session', async () => {
    const container = web.containers!.find((x) => x.name === 'web')!;
    const taskId = web.taskArn!.split('/').pop()!;
    const r = await ssm.send(
      new StartSessionCommand({
        Target: `ecs:prod_${taskId}_${container.runtimeId}`,
        DocumentName: 'AWS-StartPortForwardingSession',
        Parameters: { portNumber: ['80'], localPortNumber: ['0'] },
      }),
    );
    const channel = new DataChannel(await connectStream(r.StreamUrl!), { tokenValue: r.TokenValue! });
    const forward = new PortForward(channel);
    const port = await forward.listen();
    channel.open();
    const get = () => httpGet(port);
    const bodies = await Promise.all([get(), get()]);
    assert.deepEqual(bodies, [`hello from ${taskId}\n`, `hello from ${taskId}\n`]);
    assert.equal(forward.mode, 'mux');
    const record = c.emu.sessions().find((s) => s.sessionId === r.SessionId);
    assert.equal(record?.connections, 2);
    channel.close();
    forward.close();
  });

  it('StartSession on a task without exec is TargetNotConnected', async () => {
    const arns = await c.ecs.send(new ListTasksCommand({ cluster: 'staging', serviceName: 'worker' }));
    const d = await c.ecs.send(new DescribeTasksCommand({ cluster: 'staging', tasks: arns.taskArns }));
    const t = d.tasks![0]!;
    await assert.rejects(
      ssm.send(
        new StartSessionCommand({
          Target: `ecs:staging_${t.taskArn!.split('/').pop()}_${t.containers![0]!.runtimeId}`,
          DocumentName: 'AWS-StartPortForwardingSession',
          Parameters: { portNumber: ['80'] },
        }),
      ),
      (e: Error) => e.name === 'TargetNotConnected',
    );
  });

  it('the emulator and the client frame messages byte for byte alike', () => {
    const init = {
      messageType: 'output_stream_data',
      payloadType: 1,
      payload: Buffer.from('hello \u00e9'),
      sequenceNumber: 7,
      flags: 0,
      schemaVersion: 1,
      createdDate: 1_700_000_000_123,
      messageId: '00112233-4455-6677-8899-aabbccddeeff',
    };
    const ours = encodeClientMessage(init);
    const theirs = encodeFrame({
      type: init.messageType,
      payloadType: init.payloadType,
      payload: init.payload,
      sequence: init.sequenceNumber,
      flags: init.flags,
      schemaVersion: init.schemaVersion,
      createdDate: init.createdDate,
      messageId: init.messageId,
    });
    assert.deepEqual(theirs, ours);
    const decoded = decodeFrame(ours)!;
    const back = decodeClientMessage(theirs);
    assert.equal(decoded.messageId, back.messageId);
    assert.equal(decoded.sequence, back.sequenceNumber);
    // Acknowledgements differ only in their random message id and date.
    const a = decodeClientMessage(encodeAck(decoded));
    const b = decodeClientMessage(encodeAcknowledge(back));
    assert.deepEqual(JSON.parse(a.payload.toString()), JSON.parse(b.payload.toString()));
    assert.equal(a.flags, b.flags);
    assert.ok(decodeFrame(Buffer.concat([ours.subarray(0, 120), Buffer.from('tampered!')])) === undefined);
  });

  it('an unknown stream path is refused before any WebSocket opens', async () => {
    const ws = new WebSocket(`${c.emu.url.replace('http', 'ws')}/v1/data-channel/nope`);
    await new Promise<void>((resolve) => ws.once('error', () => resolve()));
  });
});
