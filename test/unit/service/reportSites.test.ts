/**
 * Rules that report in several places: every report site is asserted, with its exact range (the
 * `«»` marks), not only the first. Also the cases the per-code fixtures lack: hostPort against
 * containerPort in host and awsvpc mode, and a `volumesFrom` naming no container of the task.
 *
 * Port mappings: "If you use containers in a task with the awsvpc or host network mode, the hostPort
 * can either be left blank or set to the same value as the containerPort"
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PortMapping.html). In bridge mode
 * any hostPort goes. volumesFrom: "sourceContainer — the name of another container within the same
 * task definition to mount volumes from"
 * (https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_VolumeFrom.html).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateMarked } from './markedRanges';

const container = (name: string, extra = ''): string =>
  `{"name":"${name}","image":"nginx:1.27","memory":256,"essential":true${extra}}`;
const ec2 = (networkMode: string | undefined, containers: string[]): string =>
  `{"family":"web"${networkMode ? `,"networkMode":"${networkMode}"` : ''},"containerDefinitions":[${containers.join(',')}]}`;

function expectSites(code: string, fixture: string): void {
  const v = validateMarked(fixture);
  assert.ok(v.expected.length > 0, 'the fixture marks at least one site');
  assert.deepEqual(
    v.rangesOf(code),
    v.expected,
    `${code} sites in ${v.text}\n${v.messagesOf(code).join('\n')}`,
  );
}

describe('ECS122: hostPort against containerPort by network mode', () => {
  for (const mode of ['host', 'awsvpc'] as const) {
    it(`${mode}: a hostPort other than containerPort is reported on the hostPort value`, () => {
      const v = validateMarked(
        ec2(mode, [container('web', ',"portMappings":[{"containerPort":80,"hostPort":«8080»}]')]),
      );
      assert.deepEqual(v.rangesOf('ECS122'), v.expected);
      assert.deepEqual(v.messagesOf('ECS122'), [
        `hostPort 8080 must equal containerPort 80 in ${mode} mode (or be omitted).`,
      ]);
    });

    it(`${mode}: an equal or omitted hostPort is accepted`, () => {
      for (const mapping of ['{"containerPort":80,"hostPort":80}', '{"containerPort":80}']) {
        const v = validateMarked(ec2(mode, [container('web', `,"portMappings":[${mapping}]`)]));
        assert.deepEqual(v.rangesOf('ECS122'), [], mapping);
      }
    });
  }

  it('bridge (and the EC2 default, bridge): any hostPort is accepted', () => {
    for (const mode of ['bridge', undefined]) {
      const v = validateMarked(
        ec2(mode, [container('web', ',"portMappings":[{"containerPort":80,"hostPort":8080}]')]),
      );
      assert.deepEqual(v.rangesOf('ECS122'), [], String(mode));
    }
  });

  it('host: every mapping that differs is reported, in every container, and no other', () => {
    expectSites(
      'ECS122',
      ec2('host', [
        container(
          'web',
          ',"portMappings":[{"containerPort":80,"hostPort":«8080»},{"containerPort":443,"hostPort":443},{"containerPort":9000,"hostPort":«9001»}]',
        ),
        container(
          'sidecar',
          ',"portMappings":[{"containerPort":8125},{"containerPort":15000,"hostPort":«15001»}]',
        ),
      ]),
    );
  });
});

describe('ECS125: references to containers that are not in the task', () => {
  it('a volumesFrom sourceContainer naming no container is reported on the name', () => {
    const v = validateMarked(
      ec2(undefined, [
        container('web', ',"volumesFrom":[{"sourceContainer":"«logs»"}]'),
        container('sidecar'),
      ]),
    );
    assert.deepEqual(v.rangesOf('ECS125'), v.expected);
    assert.match(
      v.messagesOf('ECS125')[0] ?? '',
      /^volumesFrom names container "logs", which is not in this task/,
    );
  });

  it('a volumesFrom naming a container of the task is accepted', () => {
    const v = validateMarked(
      ec2(undefined, [
        container('web', ',"volumesFrom":[{"sourceContainer":"sidecar","readOnly":true}]'),
        container('sidecar'),
      ]),
    );
    assert.deepEqual(v.rangesOf('ECS125'), []);
  });

  it('every unknown name of dependsOn, links and volumesFrom, in every container', () => {
    expectSites(
      'ECS125',
      ec2('bridge', [
        container(
          'web',
          ',"dependsOn":[{"containerName":"«db»","condition":"START"},{"containerName":"sidecar","condition":"START"}],"links":["«cache»:redis","sidecar"]',
        ),
        container('sidecar', ',"volumesFrom":[{"sourceContainer":"web"},{"sourceContainer":"«data»"}]'),
        container(
          'init',
          ',"volumesFrom":[{"sourceContainer":"«data»"}],"dependsOn":[{"containerName":"«web2»","condition":"START"}]',
        ),
      ]),
    );
  });
});

describe('codes reported twice at one node, and once per member', () => {
  it('ECS105: a Fargate task without cpu and memory is told both, on the FARGATE entry', () => {
    const v = validateMarked(
      `{"family":"web","requiresCompatibilities":[«"FARGATE"»],"networkMode":"awsvpc","containerDefinitions":[${container('web')}]}`,
    );
    const [site] = v.expected;
    assert.ok(site);
    assert.deepEqual(v.rangesOf('ECS105'), [site, site]);
    assert.deepEqual(
      v.messagesOf('ECS105').map((m) => /`(\w+)`/.exec(m)?.[1]),
      ['cpu', 'memory'],
    );
  });

  it('ECS222: port mappings in none mode, on each container key', () => {
    expectSites(
      'ECS222',
      ec2('none', [
        container('web', ',«"portMappings"»:[{"containerPort":80}]'),
        container('sidecar', ',"portMappings":[]'),
        container('init', ',«"portMappings"»:[{"containerPort":9000}]'),
      ]),
    );
  });
});
