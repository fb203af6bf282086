import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultRegion, profilesFromText } from '../../../client/src/aws/profiles';

describe('shared config profiles', () => {
  it('lists profiles from both files with their Region and kind', () => {
    const config = [
      '[default]',
      'region = us-west-2',
      '',
      '[profile dev] # team account',
      'sso_session = corp',
      'sso_account_id = 111122223333',
      'region=eu-west-1',
      '[sso-session corp]',
      'sso_start_url = https://example.invalid/start',
      '[profile ops]',
      'role_arn = arn:aws:iam::111122223333:role/ops',
      'source_profile = default',
    ].join('\n');
    const credentials = '[default]\naws_access_key_id = X\n\n[ci]\naws_access_key_id = Y\r\n';
    const profiles = profilesFromText(config, credentials);
    assert.deepEqual(
      profiles.map((p) => [p.name, p.region ?? '-', p.sso, p.assumeRole, p.sources.join('+')]),
      [
        ['default', 'us-west-2', false, false, 'config+credentials'],
        ['ci', '-', false, false, 'credentials'],
        ['dev', 'eu-west-1', true, false, 'config'],
        ['ops', '-', false, true, 'config'],
      ],
    );
  });

  it('tolerates garbage', () => {
    assert.deepEqual(profilesFromText('key = value\n[unterminated\n= x\n', '\u0000\u0001'), []);
  });

  it('falls back from the profile Region to the environment to us-east-1', () => {
    assert.equal(
      defaultRegion({ name: 'a', region: 'ap-south-1', sso: false, assumeRole: false, sources: [] }, {}),
      'ap-south-1',
    );
    assert.equal(defaultRegion(undefined, { AWS_REGION: 'eu-north-1' }), 'eu-north-1');
    assert.equal(defaultRegion(undefined, {}), 'us-east-1');
  });
});
