import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ECSClient } from '@aws-sdk/client-ecs';
import { createAwsGateway, type AwsGateway } from '../../../client/src/aws/awsGateway';
import { EcsDeployApi } from '../../../client/src/aws/deploy/ecsDeployApi';
import type { JsonObject } from '../../../client/src/aws/deploy/normalize';
import { checkTarget, launchTypeOf } from '../../../client/src/aws/deploy/targetCheck';
import { startEmulator, type RunningEmulator } from '../../../emulator';
import { sdkClient, steadyService, taskDefinition } from './setup';

const fargate = (extra: Record<string, unknown> = {}): JsonObject => ({
  ...taskDefinition('web', 'web:2'),
  ...extra,
});
const AWSVPC = { awsvpcConfiguration: { subnets: ['subnet-1'] } };

describe('deploy target check', () => {
  it('accepts a revision that fits', () => {
    const r = checkTarget({ launchType: 'FARGATE', networkConfiguration: AWSVPC }, fargate());
    assert.deepEqual(r, { errors: [], warnings: [] });
  });

  it('refuses a revision whose compatibilities exclude the launch type, with the reason', () => {
    const r = checkTarget(
      { launchType: 'FARGATE', networkConfiguration: AWSVPC },
      fargate({ requiresCompatibilities: ['EC2'] }),
    );
    assert.equal(r.errors.length, 1);
    assert.match(
      r.errors[0] ?? '',
      /runs on FARGATE.*requiresCompatibilities is EC2.*does not support launch_type FARGATE/,
    );
  });

  it('reads capacity providers: FARGATE_SPOT is Fargate, others EC2 (a warning)', () => {
    assert.equal(
      launchTypeOf({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }] }),
      'FARGATE',
    );
    const r = checkTarget(
      { capacityProviderStrategy: [{ capacityProvider: 'my-asg' }], networkConfiguration: AWSVPC },
      fargate(),
    );
    assert.equal(r.errors.length, 0);
    assert.match(r.warnings[0] ?? '', /capacity provider strategy/);
  });

  it('checks the network mode against the network configuration', () => {
    assert.match(checkTarget({ launchType: 'FARGATE' }, fargate()).errors[0] ?? '', /no awsvpcConfiguration/);
    const bridge = checkTarget(
      { launchType: 'EC2', networkConfiguration: AWSVPC },
      fargate({ networkMode: 'bridge', requiresCompatibilities: ['EC2'] }),
    );
    assert.match(bridge.errors[0] ?? '', /networkMode bridge/);
    const fargateBridge = checkTarget({ launchType: 'FARGATE' }, fargate({ networkMode: 'bridge' }));
    assert.ok(fargateBridge.errors.some((e) => /Fargate tasks need networkMode awsvpc/.test(e)));
  });

  it('checks load balancer containers and ports, and Service Connect port names', () => {
    const svc = { launchType: 'FARGATE', networkConfiguration: AWSVPC };
    const noContainer = checkTarget(
      { ...svc, loadBalancers: [{ containerName: 'web', containerPort: 80 }] },
      fargate(),
    );
    assert.match(
      noContainer.errors[0] ?? '',
      /container web, which the revision does not have \(containers: app\)/,
    );
    const noPort = checkTarget(
      { ...svc, loadBalancers: [{ containerName: 'app', containerPort: 80 }] },
      fargate(),
    );
    assert.match(noPort.errors[0] ?? '', /app:80.*no port mapping for 80/);
    const fits = checkTarget(
      { ...svc, loadBalancers: [{ containerName: 'app', containerPort: 8080 }] },
      fargate(),
    );
    assert.deepEqual(fits.errors, []);
    const sc = checkTarget(
      { ...svc, serviceConnect: { enabled: true, services: [{ portName: 'http' }] } },
      fargate(),
    );
    assert.match(sc.errors[0] ?? '', /port name http/);
  });
});

describe('deploy target check against the emulator', () => {
  let emu: RunningEmulator;
  let ecs: ECSClient;
  let gateway: AwsGateway;
  before(async () => {
    emu = await startEmulator({ scenario: 'empty', speed: 200 });
    ecs = sdkClient(emu.url, emu.region);
    gateway = createAwsGateway();
    await steadyService(ecs, { cluster: 'tc', service: 'web', family: 'web' }, 'web:1');
  });
  after(async () => {
    gateway.dispose();
    ecs.destroy();
    await emu.stop();
  });

  it('refuses an EC2-only revision for a Fargate service, from what DescribeServices says', async () => {
    const api = new EcsDeployApi(gateway, { profile: 'default', region: emu.region, endpoint: emu.url });
    const svc = await api.describeService('tc', 'web');
    assert.ok(svc.ok);
    assert.equal(svc.value.target?.launchType, 'FARGATE');
    const ok = checkTarget(svc.value.target ?? {}, fargate());
    assert.deepEqual(ok.errors, []);
    const bad = checkTarget(
      svc.value.target ?? {},
      fargate({ requiresCompatibilities: ['EC2'], networkMode: 'bridge' }),
    );
    assert.equal(bad.errors.length, 3, bad.errors.join('\n'));
  });
});
