import type { Handler, ServiceDefinition } from '../context';
import { clusterHandlers } from './clusters';
import { containerInstanceHandlers } from './containerInstances';
import { executeCommandHandlers } from './executeCommand';
import { serviceDeploymentHandlers } from './serviceDeployments';
import { serviceHandlers } from './services';
import { tagHandlers } from './tags';
import { taskDefinitionHandlers } from './taskDefinitions';
import { taskHandlers } from './tasks';

/**
 * Amazon ECS (AWS JSON 1.1, target prefix `AmazonEC2ContainerServiceV20141113`, signing name `ecs`).
 *
 * This folder holds the ECS API, one module per resource, each exporting its handlers table:
 * clusters, taskDefinitions (with validateTaskDefinition, RegisterTaskDefinition's checks),
 * services, tasks, serviceDeployments and tags. sim/ is the simulation that makes the resources
 * move: task lifecycle, the service scheduler with rolling updates, the deployment circuit breaker
 * and rollbacks, and service events (sim/engine.ts is its entry point).
 *
 * An operation is a `Handler` (../context.ts) listed in its module's table; the tables are merged
 * here into `ecsService`, which ../server.ts dispatches to. A new AWS service is a sibling folder
 * that exports a `ServiceDefinition` the same way.
 */

/** Every ECS operation the emulator implements, by name. */
export const ecsHandlers: Record<string, Handler> = {
  ...clusterHandlers,
  ...containerInstanceHandlers,
  ...taskDefinitionHandlers,
  ...serviceHandlers,
  ...taskHandlers,
  ...serviceDeploymentHandlers,
  ...tagHandlers,
  ...executeCommandHandlers,
};

export const ecsService: ServiceDefinition = {
  name: 'ecs',
  targetPrefix: 'AmazonEC2ContainerServiceV20141113',
  operations: ecsHandlers,
};
