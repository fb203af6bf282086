/**
 * The service definition of a document: a `create-service` / `update-service` input
 * (`aws ecs create-service --cli-input-json`, ecspresso's `ecs-service-def.json`). An update input
 * names the service with `service`; everything else is read as create input, the richer of the two.
 */
import { isAbsentValue } from '../core/absent';
import type { DocumentConsumer } from '../core/consumer';
import type { Node } from 'jsonc-parser';
import type { EcsDocument } from '../core/ecsDocument';
import { isTemplated } from '../core/modelCheck';
import { CREATE_SERVICE_ROOT, UPDATE_SERVICE_ROOT } from '../core/schema/model';
import { propertyOf, stringOf, valueOf } from '../core/properties';

/**
 * Read-only members of `describe-services` output that people keep in service definitions exported
 * from a running service; create-service and update-service do not take them.
 */
export const DESCRIBE_SERVICE_ONLY_FIELDS: ReadonlySet<string> = new Set([
  'serviceArn',
  'clusterArn',
  'status',
  'runningCount',
  'pendingCount',
  'platformFamily',
  'taskSets',
  'deployments',
  'roleArn',
  'events',
  'createdAt',
  'createdBy',
  'currentServiceDeployment',
  'currentServiceRevisions',
  'resourceManagementType',
]);

export interface ServiceView {
  readonly root: Node;
  /** `CreateServiceRequest` or `UpdateServiceRequest`. */
  readonly rootName: string;
  readonly isUpdate: boolean;
  /** A root member's value node. */
  value(name: string): Node | undefined;
  /** A root member's string value, unless templated. */
  string(name: string): string | undefined;
  /** A string at a path of keys, unless templated. */
  stringAt(...path: string[]): string | undefined;
  /** True when the node's value is unknown until rendered. */
  templated(node: Node | undefined): boolean;
  /** Who reads the file (ecspresso keeps the current count when desiredCount is absent, etc.). */
  readonly consumer: DocumentConsumer;
}

/** The service view of a service definition document, or `undefined` when its root is not an object. */
export function serviceViewOf(doc: EcsDocument): ServiceView | undefined {
  const root = doc.json.root;
  if (doc.kind !== 'serviceDefinition' || root?.type !== 'object') return undefined;
  const isUpdate = propertyOf(root, 'service') !== undefined && propertyOf(root, 'serviceName') === undefined;
  const templated = (node: Node | undefined): boolean => node !== undefined && isTemplated(doc.json, node);
  const known = (node: Node | undefined): string | undefined =>
    templated(node) ? undefined : stringOf(node);
  return {
    root,
    rootName: isUpdate ? UPDATE_SERVICE_ROOT : CREATE_SERVICE_ROOT,
    isUpdate,
    // `null` and `""` configure nothing (the API ignores null; ecspresso's Go SDK omits empty values).
    value: (name) => {
      const node = valueOf(root, name);
      return isAbsentValue(node) &&
        node?.type !== 'boolean' &&
        node?.type !== 'array' &&
        node?.type !== 'object'
        ? undefined
        : node;
    },
    string: (name) => known(valueOf(root, name)) || undefined,
    stringAt: (...path) => {
      let node: Node | undefined = root;
      for (const key of path) node = valueOf(node, key);
      return known(node);
    },
    templated,
    consumer:
      doc.kind === 'serviceDefinition' && doc.yaml === undefined ? (doc.consumer ?? 'unknown') : 'unknown',
  };
}
