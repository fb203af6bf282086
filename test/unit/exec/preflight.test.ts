/** ECS Exec pre-flight checks, error recognition and the session-manager-plugin arguments. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { findPlugin, pluginArgs } from '../../../client/src/exec/plugin';
import {
  classifySessionError,
  diagnoseExit,
  isPlatformTooOld,
  preflight,
  type ExecTaskFacts,
} from '../../../client/src/exec/preflight';

const running = (agent = 'RUNNING', extra: Partial<ExecTaskFacts> = {}): ExecTaskFacts => ({
  lastStatus: 'RUNNING',
  launchType: 'FARGATE',
  platformVersion: '1.4.0',
  enableExecuteCommand: true,
  group: 'service:web',
  containers: [
    { name: 'web', runtimeId: 'r', managedAgents: [{ name: 'ExecuteCommandAgent', lastStatus: agent }] },
  ],
  ...extra,
});

describe('ECS Exec pre-flight', () => {
  it('passes a running task with exec on and its agent running', () => {
    assert.equal(preflight(running(), 'web'), undefined);
  });
  it('names each problem with what to do', () => {
    assert.equal(preflight(running('RUNNING', { enableExecuteCommand: false }), 'web')?.code, 'execDisabled');
    assert.match(
      preflight(running('RUNNING', { enableExecuteCommand: false }), 'web')!.message,
      /force a new deployment/,
    );
    assert.match(
      preflight(running('RUNNING', { enableExecuteCommand: false, group: 'family:x' }), 'web')!.message,
      /Run a new task/,
    );
    assert.match(preflight(running('PENDING'), 'web')!.message, /wait/);
    assert.match(preflight(running('STOPPED'), 'web')!.message, /ssmmessages:CreateDataChannel/);
    assert.equal(preflight(running('RUNNING', { platformVersion: '1.3.0' }), 'web')?.code, 'platformTooOld');
    assert.equal(preflight(running('RUNNING', { lastStatus: 'PENDING' }), 'web')?.code, 'taskNotRunning');
    assert.equal(preflight(running(), 'other')?.code, 'containerNotFound');
  });
  it('Fargate platform versions: before 1.4.0 is too old; LATEST passes', () => {
    assert.equal(isPlatformTooOld('1.3.0'), true);
    assert.equal(isPlatformTooOld('1.4.0'), false);
    assert.equal(isPlatformTooOld('LATEST'), false);
    assert.equal(isPlatformTooOld(undefined), false);
  });
  it('recognises failed sessions and commands that cannot start', () => {
    assert.equal(
      classifySessionError('TargetNotConnectedException: The execute command failed')?.code,
      'noPermission',
    );
    assert.equal(
      classifySessionError('AccessDeniedException: not authorized to perform')?.code,
      'noPermission',
    );
    assert.equal(
      classifySessionError(
        'InvalidParameterException: ... execute command was not enabled when the task was run',
      )?.code,
      'execDisabled',
    );
    assert.equal(classifySessionError('ThrottlingException'), undefined);
    assert.equal(diagnoseExit(127, '', '/bin/sh')?.code, 'noShell');
    assert.equal(
      diagnoseExit(1, 'exec: "/bin/sh": executable file not found in $PATH', '/bin/sh')?.code,
      'noShell',
    );
    assert.equal(diagnoseExit(0, 'hello', '/bin/sh'), undefined);
  });
});

describe('session-manager-plugin', () => {
  it('gets the documented arguments, as an array', () => {
    const args = pluginArgs({
      session: { sessionId: 's', streamUrl: 'wss://x', tokenValue: 't' },
      region: 'eu-west-1',
      profile: 'dev',
      target: 'ecs:prod_abc_def',
    });
    assert.deepEqual(args, [
      '{"SessionId":"s","StreamUrl":"wss://x","TokenValue":"t"}',
      'eu-west-1',
      'StartSession',
      'dev',
      '{"Target":"ecs:prod_abc_def"}',
      'https://ssm.eu-west-1.amazonaws.com',
    ]);
  });
  it('is found on PATH only when there', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smp-'));
    try {
      assert.equal(findPlugin({ PATH: dir }, 'linux'), undefined);
      const file = path.join(dir, 'session-manager-plugin');
      fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
      assert.equal(findPlugin({ PATH: dir }, 'linux'), file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
