/**
 * The built client keeps the AWS SDK in its own bundle (dist/client/aws-sdk.js), required on the
 * first AWS call, so activation neither parses nor evaluates it. Runs on the output of `npm run build`.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';

const dist = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'client');
const load = Module.createRequire(__filename);

describe('client bundles', () => {
  it('the extension bundle holds no SDK code and loads it from aws-sdk.js on demand', () => {
    const extension = fs.readFileSync(path.join(dist, 'extension.js'), 'utf8');
    assert.doesNotMatch(extension, /class ECSClient\b/);
    assert.doesNotMatch(extension, /class CloudWatchLogsClient\b/);
    assert.match(extension, /require\("\.\/aws-sdk\.js"\)/);
  });

  it('aws-sdk.js exports the SDK packages the data layer imports', () => {
    const sdk = load(path.join(dist, 'aws-sdk.js')) as Record<string, Record<string, unknown>>;
    assert.equal(typeof sdk['@aws-sdk/client-ecs']?.ECSClient, 'function');
    assert.equal(typeof sdk['@aws-sdk/client-cloudwatch-logs']?.CloudWatchLogsClient, 'function');
    assert.equal(typeof sdk['@aws-sdk/credential-providers']?.fromIni, 'function');
  });
});
