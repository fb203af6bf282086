import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TailEvent } from '../../../client/src/aws/logEvents';
import type { LogTarget } from '../../../client/src/aws/logTargets';
import { RingBuffer } from '../../../client/src/logs/ringBuffer';
import { sanitize, stripAnsi } from '../../../client/src/logs/render';
import { TailModel } from '../../../client/src/logs/tailModel';

const target = (taskId: string, containerName: string): LogTarget => ({
  taskArn: `arn:aws:ecs:eu-west-1:123456789012:task/demo/${taskId}`,
  taskId,
  containerName,
  region: 'eu-west-1',
  accountId: '123456789012',
  logGroup: '/ecs/web',
  logGroupArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:/ecs/web',
  logStream: `ecs/${containerName}/${taskId}`,
});

const event = (t: LogTarget, message: string, timestamp = 1_700_000_000_000): TailEvent => ({
  logGroup: t.logGroup,
  logStream: t.logStream,
  timestamp,
  message,
});

describe('RingBuffer', () => {
  it('keeps the newest items up to its capacity', () => {
    const buffer = new RingBuffer<number>(3);
    for (let i = 1; i <= 7; i++) buffer.push(i);
    assert.deepEqual(buffer.toArray(), [5, 6, 7]);
    assert.equal(buffer.size, 3);
    assert.equal(buffer.total, 7);
    assert.deepEqual(buffer.since(5), [6, 7]);
    assert.deepEqual(buffer.since(0), [5, 6, 7]);
    buffer.clear();
    assert.deepEqual(buffer.toArray(), []);
    buffer.push(8);
    assert.deepEqual(buffer.toArray(), [8]);
  });

  it('stays at its capacity however much is pushed', () => {
    const buffer = new RingBuffer<string>(10_000);
    for (let i = 0; i < 250_000; i++) buffer.push(`line ${i}`);
    assert.equal(buffer.size, 10_000);
    assert.equal(buffer.toArray()[0], 'line 240000');
  });
});

describe('render', () => {
  it('keeps colours, drops cursor moves and screen clears', () => {
    assert.equal(sanitize('\x1b[31mred\x1b[0m\x1b[2J\x1b[Hx\x07'), '\x1b[31mred\x1b[0mx');
  });
});

describe('TailModel', () => {
  const a = target('aaaaaaaa1111', 'web');
  const b = target('bbbbbbbb2222', 'web');

  const model = (capacity = 100): { m: TailModel; out: string[] } => {
    const out: string[] = [];
    const m = new TailModel({ capacity, write: (t) => out.push(t), timestamps: false });
    m.setTargets([a, b]);
    return { m, out };
  };

  it('prefixes each line with the short task id and container', () => {
    const { m, out } = model();
    m.addEvents([event(a, 'GET / 200'), event(b, 'GET /health 200')]);
    assert.deepEqual(m.renderedLines(), ['aaaaaaaa/web │ GET / 200', 'bbbbbbbb/web │ GET /health 200']);
    assert.equal(stripAnsi(out.join('')), 'aaaaaaaa/web │ GET / 200\r\nbbbbbbbb/web │ GET /health 200\r\n');
    // Two sources, two colours.
    const colours = out
      .join('')
      .split('\r\n')
      .slice(0, 2)
      .map((l) => (l.startsWith('\x1b[') ? l.slice(2, l.indexOf('m')) : undefined));
    assert.equal(colours.length, 2);
    assert.ok(colours[0] && colours[1] && colours[0] !== colours[1], String(colours));
  });

  it('keeps a stack trace together under one prefix', () => {
    const { m } = model();
    m.addEvents([event(a, 'Error: boom\n    at f (a.js:1)\n    at g (b.js:2)\n')]);
    assert.deepEqual(m.renderedLines(), [
      'aaaaaaaa/web │ Error: boom',
      '             ┆     at f (a.js:1)',
      '             ┆     at g (b.js:2)',
    ]);
  });

  it('cuts very long lines with a marker', () => {
    const { m } = model();
    m.addEvents([event(a, 'x'.repeat(10_000))]);
    const [line] = m.renderedLines();
    assert.ok(line?.endsWith('… [6000 more characters]'), line?.slice(-40));
  });

  it('hides and shows lines with the filter, and follows after a pause', () => {
    const { m } = model();
    m.addEvents([event(a, 'GET / 200'), event(b, 'ERROR db down'), event(a, 'GET /x 404')]);
    m.setFilter('error');
    assert.deepEqual(m.renderedLines(), ['bbbbbbbb/web │ ERROR db down']);
    m.setFilter('');
    assert.equal(m.renderedLines().length, 3);
    m.setPaused(true);
    m.addEvents([event(a, 'later')]);
    assert.equal(m.renderedLines().length, 3);
    m.setPaused(false);
    assert.equal(m.renderedLines().at(-1), 'aaaaaaaa/web │ later');
  });

  it('holds at most its capacity', () => {
    const { m } = model(50);
    for (let i = 0; i < 500; i++) m.addEvents([event(a, `line ${i}`)]);
    assert.equal(m.size, 50);
    assert.equal(m.renderedLines().length, 50);
    assert.equal(m.renderedLines()[0], 'aaaaaaaa/web │ line 450');
    m.clear();
    assert.deepEqual(m.renderedLines(), []);
  });
});
