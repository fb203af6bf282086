import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ListServiceDeploymentsCommand,
  RegisterTaskDefinitionCommand,
  StopServiceDeploymentCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import { errorOf, fargateTaskDefinition, network, suiteEmulator } from './helpers';

/**
 * The emulator behaves like AWS for every client (see awsParityHelpers.ts):
 * StopServiceDeployment ROLLBACK (item 3).
 */

describe('emulator parity: StopServiceDeployment ROLLBACK (item 3)', () => {
  const c = suiteEmulator({ scenario: 'empty', speed: 0.001 }, async (c) => {
    await c.ecs.send(new CreateClusterCommand({ clusterName: 'sd' }));
    await c.ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('one', 'app:1') as never));
    await c.ecs.send(new RegisterTaskDefinitionCommand(fargateTaskDefinition('one', 'app:2') as never));
  });

  it('a failed ROLLBACK (no previous revision) changes nothing', async () => {
    await c.ecs.send(
      new CreateServiceCommand({
        cluster: 'sd',
        serviceName: 'first',
        taskDefinition: 'one:1',
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    const [sd] =
      (await c.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'sd', service: 'first' })))
        .serviceDeployments ?? [];
    const error = await errorOf(
      c.ecs.send(
        new StopServiceDeploymentCommand({
          serviceDeploymentArn: sd!.serviceDeploymentArn!,
          stopType: 'ROLLBACK',
        }),
      ),
    );
    assert.equal(error.name, 'InvalidParameterException');
    const s = (await c.ecs.send(new DescribeServicesCommand({ cluster: 'sd', services: ['first'] })))
      .services?.[0];
    assert.equal(s?.deployments?.length, 1);
    assert.equal(s?.deployments?.[0]?.rolloutState, 'IN_PROGRESS', 'the deployment was not marked FAILED');
    const [after] =
      (await c.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'sd', service: 'first' })))
        .serviceDeployments ?? [];
    assert.equal(after?.status, 'IN_PROGRESS');
  });

  it('rolls back to the previous revision even when its deployment never COMPLETED', async () => {
    await c.ecs.send(
      new CreateServiceCommand({
        cluster: 'sd',
        serviceName: 'second',
        taskDefinition: 'one:1',
        desiredCount: 1,
        launchType: 'FARGATE',
        networkConfiguration: network,
      }),
    );
    await c.ecs.send(new UpdateServiceCommand({ cluster: 'sd', service: 'second', taskDefinition: 'one:2' }));
    const [newest] =
      (await c.ecs.send(new ListServiceDeploymentsCommand({ cluster: 'sd', service: 'second' })))
        .serviceDeployments ?? [];
    await c.ecs.send(
      new StopServiceDeploymentCommand({
        serviceDeploymentArn: newest!.serviceDeploymentArn!,
        stopType: 'ROLLBACK',
      }),
    );
    const s = (await c.ecs.send(new DescribeServicesCommand({ cluster: 'sd', services: ['second'] })))
      .services?.[0];
    assert.match(s?.taskDefinition ?? '', /task-definition\/one:1$/);
    assert.equal(s?.deployments?.find((d) => d.status === 'PRIMARY')?.taskDefinition, s?.taskDefinition);
  });
});
