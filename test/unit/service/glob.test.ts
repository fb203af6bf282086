/** The glob matcher gives what matching every pattern by its regular expression as written gives. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { defaultDetectionSettings } from '../../../server/src/service/core/documentKind';
import { matchAny, matchGlob } from '../../../server/src/service/core/glob';

/** The first matcher, kept as the reference: every pattern tried on the path, then its `**\/` tails. */
function reference(pattern: string, path: string): boolean {
  const normalized = path.replace(/\\/g, '/');
  const target = pattern.includes('/') ? normalized : (normalized.split('/').pop() ?? normalized);
  if (referenceRegExp(pattern).test(target)) return true;
  return pattern.startsWith('**/') ? reference(pattern.slice(3), normalized.split('/').pop() ?? '') : false;
}

function referenceRegExp(glob: string): RegExp {
  let re = '';
  let inGroup = false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? '';
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        re += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      inGroup = true;
      re += '(?:';
    } else if (c === '}' && inGroup) {
      inGroup = false;
      re += ')';
    } else if (c === ',' && inGroup) re += '|';
    else if (c === '[') {
      const end = glob.indexOf(']', i);
      if (end > i) {
        re += glob.slice(i, end + 1);
        i = end;
      } else re += '\\[';
    } else re += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 'i');
}

const PATTERNS = [
  ...(defaultDetectionSettings.taskDefinitionPatterns ?? []),
  ...(defaultDetectionSettings.serviceDefinitionPatterns ?? []),
  ...(defaultDetectionSettings.copilotManifestPatterns ?? []),
  '*.json',
  'task.json',
  '**/**/deep/*.json',
  '**/a/**',
  '**/**/x.json',
  '**/{ecs,svc}-*.json',
  '**/[abc]*.json',
  '**/x[/]y.json',
  '**/?.json',
  'deploy/**/*.json',
  '**',
  '**/',
];

const PATHS = [
  'x.json',
  'a.json',
  'task.json',
  '/work/ecs-task-def.json',
  '/work/app/ECS-Service-Def.json',
  'C:\\repo\\infra\\task-definition.json',
  '/repo/copilot/api/manifest.yml',
  'copilot/manifest.yml',
  '/a/deep/x.json',
  'deploy/one/two.json',
  '/deploy/one/two.json',
  '/x/y.json',
  'line\nbreak/x.json',
  '/trailing/',
  '',
  '/a/b/svc-web.json',
  '/a/b/ecs-web.JSON',
  '/q/taskdef.json.bak',
];

describe('matchGlob', () => {
  it('matches as the reference matcher does', () => {
    for (const pattern of PATTERNS)
      for (const path of PATHS)
        assert.equal(
          matchGlob(pattern, path),
          reference(pattern, path),
          `${pattern} on ${JSON.stringify(path)}`,
        );
  });

  it('matchAny is any pattern matching', () => {
    for (const path of PATHS) {
      assert.equal(
        matchAny(PATTERNS, path),
        PATTERNS.some((p) => reference(p, path)),
      );
      assert.equal(matchAny([], path), false);
    }
  });
});
