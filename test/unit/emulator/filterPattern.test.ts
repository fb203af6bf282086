import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../emulator/protocol/errors';
import { compileFilterPattern } from '../../../emulator/logs/filterPattern';

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

  it('matches space-delimited patterns field by field', () => {
    const access = [
      '10.0.1.17 - - [23/Nov/2026:09:39:28 +0000] "GET /api/cart HTTP/1.1" 502 120 "-" "curl/8.5.0"',
      '10.0.2.44 - - [23/Nov/2026:09:39:29 +0000] "GET / HTTP/1.1" 200 36653 "-" "ELB-HealthChecker/2.0"',
    ];
    const match = (pattern: string): string[] => access.filter(compileFilterPattern(pattern));
    assert.deepEqual(match('[ip, id, user, timestamp, request, status=5*, size, referer, agent]'), [
      access[0],
    ]);
    assert.deepEqual(match('[ip, ..., size>1000, referer, agent]'), [access[1]]);
    assert.deepEqual(match('[ip=10.0.2.*, ...]'), [access[1]]);
    assert.deepEqual(match('[ip, user]'), [], 'field counts must match without ...');
    const many = `[${Array.from({ length: 30 }, () => '...').join(', ')}, x=never]`;
    assert.deepEqual(match(many), [], 'many ellipses stay fast');
  });

  it('rejects what it cannot parse instead of matching everything', () => {
    assert.throws(() => compileFilterPattern('[ip, , status]'), ApiError);
    assert.throws(() => compileFilterPattern('{ level = error }'), ApiError);
  });
});
