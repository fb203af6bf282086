import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskingChannel, maskSecrets } from '../../../client/src/aws/mask';

describe('nothing secret reaches the log', () => {
  const taskDefinition = JSON.stringify({
    family: 'web',
    containerDefinitions: [
      {
        name: 'app',
        environment: [
          { name: 'DB_PASSWORD', value: 'hunter2-very-secret' },
          { name: 'MODE', value: 'prod "quoted" value' },
        ],
        secrets: [{ name: 'API', valueFrom: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:api' }],
      },
    ],
  });

  it('masks environment values, JSON and JSON inside a trace', () => {
    const plain = maskSecrets(taskDefinition);
    assert.ok(!plain.includes('hunter2'), plain);
    assert.ok(!plain.includes('quoted'), plain);
    assert.ok(plain.includes('DB_PASSWORD'), 'names stay');
    assert.ok(plain.includes('arn:aws:secretsmanager'), 'references stay');
    const trace = maskSecrets(
      `[Trace] Sending notification 'textDocument/didOpen'. Params: ${JSON.stringify({ text: taskDefinition })}`,
    );
    assert.ok(!trace.includes('hunter2'), trace);
    assert.ok(!trace.includes('quoted'), trace);
  });

  it('masks keys, tokens, passwords and signatures', () => {
    const text = maskSecrets(
      'AKIAIOSFODNN7EXAMPLE aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY ' +
        'sessionToken: "FwoGZXIvYXdzEXAMPLE" password=pa55 Signature=0123456789abcdef0123456789abcdef',
    );
    for (const secret of [
      'IOSFODNN7EXAMPLE',
      'wJalrXUtnFEMI',
      'FwoGZXIvYXdzEXAMPLE',
      'pa55',
      '0123456789abcdef0123',
    ])
      assert.ok(!text.includes(secret), `${secret} in ${text}`);
  });

  it('masks every write of a log channel, errors included', () => {
    const lines: string[] = [];
    const channel = {
      name: 'ECS Workbench',
      info: (m: string) => lines.push(m),
      error: (e: string | Error) => lines.push(String(e)),
      appendLine: (m: string) => lines.push(m),
    };
    const log = maskingChannel(channel);
    log.info(`Registering ${taskDefinition}`);
    log.error(new Error(`ECS rejected {"value": "hunter2-very-secret"}`));
    log.appendLine('"value": "hunter2-very-secret"');
    assert.equal(log.name, 'ECS Workbench');
    assert.equal(lines.length, 3);
    for (const l of lines) assert.ok(!l.includes('hunter2'), l);
  });
});
