import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../emulator/errors';
import { compileFilterPattern } from '../../emulator/logs/filterPattern';

describe('emulator: CloudWatch Logs filter patterns', () => {
  const lines = [
    'ERROR payment failed: card declined',
    'WARN retrying payment',
    'INFO payment ok',
    '{"level":"error","status":503,"path":"/api/cart"}',
    '{"level":"info","status":200,"path":"/health"}',
  ];
  const matching = (pattern: string): string[] => lines.filter(compileFilterPattern(pattern));

  it('matches terms, phrases, optional and excluded terms', () => {
    assert.deepEqual(matching(''), lines);
    assert.deepEqual(matching('payment ERROR'), [lines[0]]);
    assert.deepEqual(matching('"card declined"'), [lines[0]]);
    assert.deepEqual(matching('?ERROR ?WARN'), [lines[0], lines[1]]);
    assert.deepEqual(matching('payment -INFO -WARN'), [lines[0]]);
    assert.deepEqual(matching('error'), [lines[3]], 'terms are case-sensitive');
  });

  it('matches JSON patterns with comparisons, wildcards and boolean operators', () => {
    assert.deepEqual(matching('{ $.level = "error" }'), [lines[3]]);
    assert.deepEqual(matching('{ $.status >= 500 }'), [lines[3]]);
    assert.deepEqual(matching('{ $.path = "/api/*" }'), [lines[3]]);
    assert.deepEqual(matching('{ ($.status = 200) || ($.level = "error") }'), [lines[3], lines[4]]);
    assert.deepEqual(matching('{ $.status != 200 && $.level != "info" }'), [lines[3]]);
  });

  it('rejects what it cannot parse instead of matching everything', () => {
    assert.throws(() => compileFilterPattern('[ip, user, status=5*]'), ApiError);
    assert.throws(() => compileFilterPattern('{ level = error }'), ApiError);
  });
});
