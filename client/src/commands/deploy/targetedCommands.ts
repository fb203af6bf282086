/**
 * The skeletons of deploy commands. Those that act on one service (force a new deployment,
 * scale, roll back, enable ECS Exec) find it from the argument, the file's binding or a pick, and
 * read it fresh; those that act on a file (register, deploy, diff) find the document. Each step
 * that cannot go on has already said why, so the command just ends.
 */
import type * as vscode from 'vscode';
import type { EcsDeployApi } from '../../aws/deploy/ecsDeployApi';
import type { ServiceView } from '../../aws/deploy/types';
import type { DeployController } from './controller';
import type { DeployResult, ServiceBinding } from './types';

/** The service a command acts on, as ECS describes it now. */
export interface CurrentService {
  binding: ServiceBinding;
  cluster: string;
  service: string;
  api: EcsDeployApi;
  svc: ServiceView;
  account: string | undefined;
}

/**
 * A command over one service. `cannot` names what failed when the service cannot be read
 * ("Cannot scale web"); `run` does the rest.
 */
export const serviceCommand =
  <T>(
    cannot: (service: string) => string,
    run: (ctl: DeployController, current: CurrentService) => Promise<T | undefined>,
  ) =>
  (ctl: DeployController) =>
  async (arg?: unknown): Promise<T | undefined> => {
    const binding = await ctl.serviceTarget(arg);
    if (!binding) return undefined;
    const { cluster, service } = binding;
    const current = await ctl.currentService(binding, cannot(service));
    if (!current) return undefined;
    return run(ctl, { binding, cluster, service, ...current });
  };

/**
 * The time a rollout watch starts from: a second before the request, so the events the request
 * causes are never older than the watch.
 */
export const watchSince = (): Date => new Date(Date.now() - 1000);

/** What a deploying command returns: the revision, and the deployment when ECS named one. */
export const deployResult = (revision: string, deploymentId: string | undefined): DeployResult => ({
  revision,
  ...(deploymentId ? { deploymentId } : {}),
});

/**
 * A command over the task definition file it was run on (or the active editor's). `missing` is
 * the warning shown when there is no such file; `run` gets the document and any further arguments.
 */
export const documentCommand =
  <T, Extra extends unknown[] = []>(
    missing: string,
    run: (ctl: DeployController, document: vscode.TextDocument, ...extra: Extra) => Promise<T | undefined>,
  ) =>
  (ctl: DeployController) =>
  async (arg?: unknown, ...extra: Extra): Promise<T | undefined> => {
    const document = await ctl.documents.documentOf(arg);
    if (!document) {
      void ctl.prompts.notify('warning', missing);
      return undefined;
    }
    return run(ctl, document, ...extra);
  };
