import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toGatewayError } from '../../../client/src/aws/errors';
import { isValidProfileName } from '../../../client/src/aws/profiles';
import { signInTerminal } from '../../../client/src/aws/signIn';

const named = (name: string, message = ''): Error => Object.assign(new Error(message), { name });
const noCredentials = named('CredentialsProviderError', 'Could not load credentials from any providers');
const expired = named('ExpiredTokenException', 'The security token included in the request is expired');

describe('sign-in commands never come from a shell line built of setting values', () => {
  const injected = 'dev$(touch /tmp/ecswb-pwned)';

  it('gives no fix for a profile name outside the AWS config grammar', () => {
    for (const error of [noCredentials, expired]) {
      const e = toGatewayError(error, { profile: injected, region: 'eu-west-1' });
      assert.equal(e.fixArgs, undefined, 'no runnable fix for an invalid profile name');
      assert.ok(!('fixCommand' in e), 'no shell command line at all');
      assert.match(e.message, /not a valid AWS profile name/);
    }
  });

  it('gives the aws arguments as an array for a valid name', () => {
    const e = toGatewayError(noCredentials, { profile: 'team-a.dev+ro@corp=x,y/z', region: 'eu-west-1' });
    assert.deepEqual(e.fixArgs, ['configure', '--profile', 'team-a.dev+ro@corp=x,y/z']);
    const x = toGatewayError(expired, { profile: 'dev', region: 'eu-west-1' });
    assert.deepEqual(x.fixArgs, ['sso', 'login', '--profile', 'dev']);
  });

  it('validates profile names against the config-file grammar', () => {
    for (const ok of [
      'default',
      'dev',
      'team_a',
      'a.b',
      'x+y',
      'me@corp',
      'k=v',
      'a,b',
      'org/dev',
      'a:b',
      '50%',
    ])
      assert.ok(isValidProfileName(ok), ok);
    for (const bad of [
      injected,
      'a b',
      'a;b',
      'a`b`',
      "a'b",
      'a"b',
      'a|b',
      'a&b',
      'a$b',
      'a\nb',
      '',
      '-x',
      'a]b',
      'a#b',
      'x'.repeat(129),
    ])
      assert.ok(!isValidProfileName(bad), JSON.stringify(bad));
  });

  it('runs aws without a shell, and only for the profile of the user settings', () => {
    const e = toGatewayError(expired, { profile: 'dev', region: 'eu-west-1' });
    const run = signInTerminal(e, { profile: 'dev', fromWorkspace: false });
    assert.ok(run.ok);
    assert.deepEqual(run.ok && run.options, {
      name: 'AWS sign-in',
      shellPath: 'aws',
      shellArgs: ['sso', 'login', '--profile', 'dev'],
    });
    const ws = signInTerminal(e, { profile: 'dev', fromWorkspace: true });
    assert.ok(!ws.ok);
    assert.match(!ws.ok ? ws.reason : '', /workspace/);
    const bad = signInTerminal(
      { kind: 'NoCredentials', message: 'x', detail: 'x', fixArgs: ['configure', '--profile', injected] },
      { profile: injected, fromWorkspace: false },
    );
    assert.ok(!bad.ok, 'an invalid name is refused even if an error carried it');
  });
});
