import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isAwsEndpoint, matchesAllowed, RESTRICTED_SETTINGS } from '../../../client/src/aws/endpointTrust';

describe('endpoint trust', () => {
  it("knows AWS's own endpoints, over HTTPS only", () => {
    for (const url of [
      'https://ecs.us-east-1.amazonaws.com',
      'https://ecs-fips.us-gov-west-1.amazonaws.com',
      'https://ecs.cn-north-1.amazonaws.com.cn',
      'https://ecs.us-east-1.api.aws',
    ])
      assert.equal(isAwsEndpoint(url), true, url);
    for (const url of [
      'http://ecs.us-east-1.amazonaws.com',
      'https://amazonaws.com.evil.example',
      'https://ecs.us-east-1.amazonaws.com.evil.example',
      'https://evilamazonaws.com',
      'http://127.0.0.1:4566',
      'not a url',
    ])
      assert.equal(isAwsEndpoint(url), false, url);
  });

  it('allows exact origins and any port of a host written with :*', () => {
    assert.equal(matchesAllowed('http://localhost:4566/', ['http://localhost:4566']), true);
    assert.equal(matchesAllowed('http://localhost:4567', ['http://localhost:4566']), false);
    assert.equal(matchesAllowed('http://127.0.0.1:39123', ['http://127.0.0.1:*']), true);
    assert.equal(matchesAllowed('https://127.0.0.1:39123', ['http://127.0.0.1:*']), false);
    assert.equal(matchesAllowed('http://127.0.0.1.evil.example:80', ['http://127.0.0.1:*']), false);
    assert.equal(matchesAllowed('http://127.0.0.10:4566', ['http://127.0.0.1:*']), false);
    assert.equal(matchesAllowed('http://127.0.0.1:4566', []), false);
    assert.equal(matchesAllowed('http://127.0.0.1:4566', ['garbage']), false);
  });

  it("names the same restricted settings as the manifest's restrictedConfigurations", () => {
    const manifest = JSON.parse(
      readFileSync(path.join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'),
    ) as {
      capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
    };
    assert.deepEqual(
      [...RESTRICTED_SETTINGS].map((k) => `ecsWorkbench.${k}`).sort(),
      [...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(),
    );
  });
});
