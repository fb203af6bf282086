import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallLog } from '../../../emulator';
import { fakeSigV4, rawCall, suiteEmulator } from './helpers';
import { ECS } from './awsParityHelpers';

/**
 * The emulator behaves like AWS for every client (see awsParityHelpers.ts):
 * hardening (item 6).
 */

describe('emulator parity: hardening (item 6)', () => {
  const c = suiteEmulator({ scenario: 'demo' });

  for (const op of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`X-Amz-Target ${op} is UnknownOperationException 400, not internal state`, async () => {
      const res = await rawCall(c.emu.url, `${ECS}.${op}`, {}, { authorization: fakeSigV4('ecs') });
      assert.equal(res.status, 400);
      assert.equal(res.body.__type, 'UnknownOperationException');
    });
  }

  it('answers a body over 16 MiB with 413, not a connection reset', async () => {
    const res = await fetch(c.emu.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `${ECS}.ListClusters`,
        authorization: fakeSigV4('ecs'),
      },
      body: `{"x":"${'a'.repeat(17 * 1024 * 1024)}"}`,
    });
    assert.equal(res.status, 413);
  });

  it('admin: needs the token, a loopback Host and JSON bodies', async () => {
    const url = `${c.emu.url}/__admin/state`;
    assert.equal((await fetch(url)).status, 401);
    assert.equal((await fetch(url, { headers: { 'x-emulator-admin-token': 'wrong' } })).status, 401);
    assert.equal((await fetch(url, { headers: { 'x-emulator-admin-token': c.emu.adminToken } })).status, 200);
    const http = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        url,
        { headers: { host: 'evil.example', 'x-emulator-admin-token': c.emu.adminToken } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 403);
    const form = await fetch(`${c.emu.url}/__admin/reset`, {
      method: 'POST',
      headers: { 'x-emulator-admin-token': c.emu.adminToken, 'content-type': 'text/plain' },
      body: '{"scenario":"empty"}',
    });
    assert.equal(form.status, 415);
    assert.equal(c.emu.state.clusters.size, 3, 'the refused reset did nothing');
  });

  it('keeps a bounded call log with exact counts', () => {
    const log = new CallLog(10);
    for (let i = 0; i < 25; i++) log.add({ service: 'ecs', operation: i % 2 ? 'A' : 'B', at: i, params: {} });
    assert.equal(log.list().length, 10);
    assert.equal(log.list()[0]?.at, 15);
    assert.equal(log.count(), 25);
    assert.deepEqual(log.byOperation(), { B: 13, A: 12 });
  });
});
