import type { HandlerContext } from '../context';
import { createClusterRecord } from '../ecs/clusters';
import { createServiceRecord } from '../ecs/services';
import type {
  ClusterRecord,
  DeploymentConfiguration,
  JsonObject,
  ServiceRecord,
  TaskDefinitionRecord,
} from '../model';

/** The scenario helpers of index.ts this scenario builds on. */
export interface ScenarioHelpers {
  fargateTd(ctx: HandlerContext, family: string, containers: JsonObject[]): TaskDefinitionRecord;
  steadyService(
    ctx: HandlerContext,
    cluster: ClusterRecord,
    name: string,
    td: TaskDefinitionRecord,
    desired: number,
    launchType: string,
  ): ServiceRecord;
  network: JsonObject;
}

const app = (name: string, image: string): JsonObject => ({
  name,
  image,
  portMappings: [{ containerPort: 8080, protocol: 'tcp' }],
});

/**
 * `crashloop`: one cluster, `shop`, for watching failure. `checkout` (6 tasks) crash-loops from the start:
 * its image exits 1 a few simulated seconds after RUNNING and, without a circuit breaker, ECS
 * keeps replacing its tasks — with a high `speed` (or `advance()`) hundreds of stopped tasks
 * accumulate, like half an hour of a real crash loop. `web` (3 tasks, circuit breaker with
 * rollback) and `api` (2 tasks) are healthy: deploy a `:crashloop` image to web for a
 * circuit-breaker rollback, scale api.
 */
export function crashloop(ctx: HandlerContext, h: ScenarioHelpers): void {
  const shop = createClusterRecord(ctx, 'shop', { capacityProviders: ['FARGATE'] });
  h.steadyService(
    ctx,
    shop,
    'web',
    h.fargateTd(ctx, 'web', [app('web', 'public.ecr.aws/nginx/nginx:1.27')]),
    3,
    'FARGATE',
  );
  const api = h.fargateTd(ctx, 'api', [app('api', '123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.4.0')]);
  h.steadyService(ctx, shop, 'api', api, 2, 'FARGATE');
  const checkout = h.fargateTd(ctx, 'checkout', [
    app('checkout', '123456789012.dkr.ecr.us-east-1.amazonaws.com/checkout:crashloop'),
  ]);
  const noBreaker: DeploymentConfiguration = {
    maximumPercent: 200,
    minimumHealthyPercent: 50,
    deploymentCircuitBreaker: { enable: false, rollback: false },
  };
  createServiceRecord(ctx, shop, {
    name: 'checkout',
    taskDefinition: checkout,
    desiredCount: 6,
    launchType: 'FARGATE',
    networkConfiguration: h.network,
    deploymentConfiguration: noBreaker,
  });
}
