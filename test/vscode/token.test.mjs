// The VS Code servers the tests, the end-to-end tests and the demo start must refuse anyone without
// their random connection token: the workbench page (and through it a terminal) is reachable only
// with `tkn=<token>` or the cookie the server sets in exchange. Run by `npm run test:vscode` for
// each editor (ECS_WORKBENCH_VSCODE), or alone: node --test test/vscode/token.test.mjs
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startVSCodeServer } from './serverHarness.mjs';

/** One request, redirects not followed, so each hop's status is what is checked. */
async function get(url, headers = {}) {
  const res = await fetch(url, { redirect: 'manual', headers });
  await res.arrayBuffer();
  return res;
}

describe('the VS Code server connection token', { timeout: 180_000 }, () => {
  let tmp;
  let server;
  let base;
  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecswb-token-'));
    server = await startVSCodeServer({ dataDir: path.join(tmp, 'data') });
    base = `http://127.0.0.1:${server.port}/`;
  });
  after(() => {
    server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('is random, long and URL-safe for each server', () => {
    assert.match(server.token, /^[0-9A-Za-z_-]{40,}$/);
    assert.ok(!server.child.spawnargs.includes(server.token), 'the token must not be on the command line');
  });

  it('refuses the workbench page without the token', async () => {
    const res = await get(`${base}?folder=${encodeURIComponent(tmp)}`);
    assert.ok([401, 403].includes(res.status), `status ${res.status}`);
  });

  it('refuses a wrong token', async () => {
    const res = await get(`${base}?tkn=${'x'.repeat(server.token.length)}`);
    assert.ok([401, 403].includes(res.status), `status ${res.status}`);
    const cookie = await get(base, { cookie: `vscode-tkn=${'x'.repeat(server.token.length)}` });
    assert.ok([401, 403].includes(cookie.status), `status ${cookie.status}`);
  });

  it('serves the workbench with the token of the URLs it hands out', async () => {
    const url = server.url(tmp);
    assert.ok(url.includes(`tkn=${server.token}`), url);
    const first = await get(url);
    // The server answers `?tkn=` by setting its cookie and redirecting to the same page without it.
    assert.ok([200, 302].includes(first.status), `status ${first.status}`);
    let page = first;
    if (first.status === 302) {
      const cookie = first.headers.get('set-cookie') ?? '';
      assert.match(cookie, new RegExp(`vscode-tkn=${server.token}`));
      const location = new URL(first.headers.get('location') ?? '', url);
      assert.ok(!location.search.includes('tkn='), String(location));
      assert.equal(location.searchParams.get('folder'), tmp, 'the redirect keeps the folder');
      page = await get(location, { cookie: cookie.split(';')[0] });
    }
    assert.equal(page.status, 200);
  });
});
