/** The explorer's node types, one per module over a small shared base (see base.ts). */
export {
  ExplorerNode,
  type ClusterScope,
  type ExplorerEnv,
  type LoadMode,
  type PagedNode,
  type ShownService,
  type TaskHolder,
  type TaskScope,
} from './base';
export { ClusterNode } from './cluster';
export { ConnectionNode } from './connection';
export { ContainerNode } from './container';
export { ContainerInstanceNode, ContainerInstancesNode } from './containerInstances';
export { DeploymentNode } from './deployment';
export { FamilyNode } from './family';
export { LoadingNode } from './loading';
export { LoadMoreNode } from './loadMore';
export { MessageNode } from './message';
export { NoticeNode } from './notice';
export { RevisionNode } from './revision';
export { ServiceNode } from './service';
export { TaskNode } from './task';
export { TaskDefinitionsNode } from './taskDefinitions';
export { TaskFolderNode } from './taskFolder';
