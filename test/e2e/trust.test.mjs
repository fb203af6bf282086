// End-to-end: a cloned repository whose settings name an endpoint cannot take over your AWS
// requests. Untrusted, the folder's endpoint is ignored and the explorer says so; trusted, nothing
// is sent until you allow that endpoint. The emulator here plays the repository's server and
// counts every request that reaches it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openOnEmulator } from './workbench.mjs';

describe('a workspace that names its own endpoint', { timeout: 300_000 }, () => {
  let repositoryServer;
  let close;
  let wb;
  let page;
  const ecsRows = () => wb.ecsRows();

  before(async () => {
    ({
      emulator: repositoryServer,
      wb,
      close,
    } = await openOnEmulator({
      scenario: 'demo',
      speed: 1,
      settings: { 'ecsWorkbench.profile': 'attacker' },
      // Opened as a new clone is: "No, I don't trust the authors", and no machine-wide allowance.
      trust: false,
      machineSettings: null,
    }));
    page = wb.page;
  });
  after(() => close?.());

  it('sends nothing in Restricted Mode and says which settings it ignores', async () => {
    await wb.openEcsView();
    const notice = ecsRows()
      .filter({ hasText: /^Restricted Mode: this folder's settings/ })
      .first();
    await notice.waitFor({ timeout: 30_000 });
    assert.match(await notice.innerText(), /endpoint, profile, regions.* are ignored/);
    // Refreshing the explorer must not reach the folder's endpoint either.
    await wb.runCommand('ECS: Refresh');
    await notice.waitFor({ timeout: 10_000 });
    assert.deepEqual(repositoryServer.calls.byOperation(), {});
  });

  it('asks before connecting once the folder is trusted, and connects only after "Connect"', async () => {
    await wb.runCommand('Workspaces: Manage Workspace Trust');
    await page.getByRole('button', { name: 'Trust', exact: true }).first().click({ timeout: 15_000 });
    const question = page
      .locator('.notifications-toasts .notification-toast')
      .filter({ hasText: `send your signed AWS requests to ${repositoryServer.url}` })
      .first();
    await question.waitFor({ timeout: 30_000 });
    // The explorer waits with the question; still nothing has been sent.
    await ecsRows()
      .filter({ hasText: `sends requests to ${repositoryServer.url}: allow?` })
      .first()
      .waitFor({ timeout: 15_000 });
    assert.deepEqual(repositoryServer.calls.byOperation(), {});
    await wb.screenshot('endpoint-consent');

    await question.getByRole('button', { name: 'Connect' }).click();
    await wb.treeRow('prod').waitFor({ timeout: 30_000 });
    assert.ok(repositoryServer.calls.count('ListClusters') > 0, 'the explorer connected after consent');
    assert.equal(
      await ecsRows().filter({ hasText: 'allow?' }).count(),
      0,
      'the question is gone from the tree once answered',
    );
  });
});
