/**
 * The deploy controller: what every deploy command shares. It owns the prompts (tests replace
 * them), the file ↔ service bindings, the Rollouts registry and the diff documents; it reaches
 * ECS through the explorer's gateway, asks before every mutating action (protected clusters and
 * profiles need the name typed) and reports failures, which the data layer returns as values.
 */
import * as vscode from 'vscode';
import { accountOf, EcsDeployApi } from '../../aws/deploy/ecsDeployApi';
import { watchRollout, type RolloutState } from '../../aws/deploy/rolloutWatcher';
import { followsStages, watchServiceDeployment } from '../../aws/deploy/serviceDeploymentWatcher';
import type { Failure, ServiceView } from '../../aws/deploy/types';
import type { UpdateServiceRequest } from '../../aws/deploy/deployViews';
import { updateServiceAndReadBack } from '../../aws/deploy/unclearWrites';
import type { Connection } from '../../aws/gateway';
import type { EcsContext } from '../../context';
import { readConnectionSettings } from '../../views/connectionSettings';
import { RolloutRegistry, type RolloutTarget } from '../../views/rolloutView';
import { describeArgument, matchesAny, nameOf, setting, unionSetting } from './arguments';
import { BindingStore } from './bindingStore';
import { DiffDocuments } from './diffDocuments';
import { DocumentChecks } from './documentChecks';
import { vscodePrompts, type DeployPrompts } from './prompts';
import type { ServiceBinding } from './types';

export class DeployController implements vscode.Disposable {
  prompts: DeployPrompts = vscodePrompts;
  readonly registry = new RolloutRegistry();
  readonly diffs = new DiffDocuments();
  readonly bindings: BindingStore;
  readonly documents: DocumentChecks;

  constructor(readonly ctx: EcsContext) {
    this.bindings = new BindingStore(ctx.extensionContext.workspaceState);
    this.documents = new DocumentChecks(ctx, () => this.prompts);
  }

  dispose(): void {
    this.registry.dispose();
    this.diffs.dispose();
    this.bindings.dispose();
  }

  /** The connection deploys use when the command names none: the explorer's first one. */
  async defaultConnection(): Promise<Connection | undefined> {
    const { connections } = readConnectionSettings();
    if (connections.length <= 1) return connections[0];
    return this.prompts.pick(
      'Profile and Region',
      connections.map((c) => ({ label: `${c.profile} · ${c.region}`, value: c })),
    );
  }

  api(connection: Connection): EcsDeployApi {
    // The explorer's gateway: one set of clients and one limiter per connection for everything.
    return new EcsDeployApi(this.ctx.ecs, connection);
  }

  report(failure: Failure, what: string): void {
    this.ctx.log.warn(`${what}: ${failure.message}`);
    void this.prompts.notify('error', `${what}: ${failure.message}`);
  }

  /**
   * UpdateService, reported as it turned out: after an answer that never came the service is read
   * back, and the message says what is true (`state` describes it, e.g. "desired count 3"), or that
   * the change may have been applied. Returns the service when the change is in effect.
   */
  async updateService(
    api: EcsDeployApi,
    request: UpdateServiceRequest,
    change: {
      /** The change in words, e.g. "scaled to 3 task(s)". */
      done: string;
      /** What a refused request leaves, e.g. "desired count stays 2". */
      unchanged: string;
      applied: (service: ServiceView) => boolean;
      state: (service: ServiceView) => string;
    },
  ): Promise<ServiceView | undefined> {
    const { service } = request;
    const outcome = await updateServiceAndReadBack(api, request, change.applied);
    switch (outcome.kind) {
      case 'applied':
        if (outcome.readBack && outcome.failure) {
          const text = `ECS did not answer UpdateService (${outcome.failure.message}), but ${service} now shows ${change.state(outcome.service)}: it was ${change.done}.`;
          this.ctx.log.warn(text);
          void this.prompts.notify('warning', text);
        }
        return outcome.service;
      case 'notApplied':
        if (outcome.service) {
          const text = `${service} was not ${change.done}: ECS did not answer UpdateService (${outcome.failure.message}) and ${service} still shows ${change.state(outcome.service)}.`;
          this.ctx.log.warn(text);
          void this.prompts.notify('error', text);
        } else this.report(outcome.failure, `${service} was not ${change.done} (${change.unchanged})`);
        return undefined;
      case 'unknown': {
        const text = `${service} may have been ${change.done}: ECS did not answer UpdateService (${outcome.failure.message}) and ${service} could not be read back (${outcome.readFailure.message}). Look at the service before trying again.`;
        this.ctx.log.warn(text);
        void this.prompts.notify('warning', text);
        return undefined;
      }
    }
  }

  private protectedTarget(connection: Connection, cluster: string): boolean {
    const clusters = unionSetting('protectedClusters');
    const profiles = unionSetting('protectedProfiles');
    return (
      matchesAny(cluster, clusters) ||
      matchesAny(nameOf(cluster), clusters) ||
      matchesAny(connection.profile, profiles)
    );
  }

  /** Asks before a mutating action; protected clusters/profiles need the service name typed. */
  async confirm(
    { connection, cluster, service }: ServiceBinding,
    title: string,
    detail: string,
    action: string,
  ): Promise<boolean> {
    if (this.protectedTarget(connection, cluster)) {
      return this.prompts.typedConfirm({
        title,
        detail: `${detail}\n\n${nameOf(cluster)} / profile ${connection.profile} is protected.`,
        expected: service,
      });
    }
    return this.prompts.confirm({ title, detail, action });
  }

  /**
   * Asks before registering a revision of `family`; a protected profile (or the protected cluster
   * of the file's bound service) needs the family name typed.
   */
  async confirmRegister(
    connection: Connection,
    cluster: string | undefined,
    family: string,
    detail: string,
  ): Promise<boolean> {
    const title = `Register a new revision of ${family}?`;
    const clusters = unionSetting('protectedClusters');
    const isProtected =
      matchesAny(connection.profile, unionSetting('protectedProfiles')) ||
      (cluster !== undefined && (matchesAny(cluster, clusters) || matchesAny(nameOf(cluster), clusters)));
    if (isProtected) {
      return this.prompts.typedConfirm({
        title,
        detail: `${detail}\n\nProfile ${connection.profile}${cluster ? ` / ${nameOf(cluster)}` : ''} is protected.`,
        expected: family,
      });
    }
    return this.prompts.confirm({ title, detail, action: 'Register' });
  }

  where({ connection, cluster, service }: ServiceBinding, account?: string): string {
    return [
      `Account: ${account ?? 'unknown'}`,
      `Region: ${connection.region}`,
      `Profile: ${connection.profile}${connection.endpoint ? ` (endpoint ${connection.endpoint})` : ''}`,
      `Cluster: ${nameOf(cluster)}`,
      `Service: ${service}`,
    ].join('\n');
  }

  /** The service a file deploys to: remembered, or picked (and remembered). */
  async bindingFor(uri: vscode.Uri, family?: string): Promise<ServiceBinding | undefined> {
    const known = this.bindings.binding(uri);
    if (known) return known;
    const connection = await this.defaultConnection();
    if (!connection) return undefined;
    const picked = await this.pickService(connection, family);
    if (picked) await this.bindings.setBinding(uri, picked);
    return picked;
  }

  /** Picks a cluster, then a service. */
  async pickService(
    connection: Connection,
    family?: string,
    cluster?: string,
  ): Promise<ServiceBinding | undefined> {
    const api = this.api(connection);
    let chosenCluster = cluster;
    if (!chosenCluster) {
      const clusters = await api.listClusters();
      if (!clusters.ok) return void this.report(clusters.error, 'Cannot list clusters');
      if (clusters.value.length === 0) {
        void this.prompts.notify(
          'warning',
          `No clusters in ${connection.region} for profile ${connection.profile}.`,
        );
        return undefined;
      }
      chosenCluster = await this.prompts.pick(
        `Cluster (${connection.profile} · ${connection.region})`,
        clusters.value.map((arn) => ({ label: nameOf(arn), description: arn, value: arn })),
      );
      if (!chosenCluster) return undefined;
    }
    const services = await api.listServices(chosenCluster);
    if (!services.ok) return void this.report(services.error, 'Cannot list services');
    if (services.value.length === 0) {
      void this.prompts.notify('warning', `Cluster ${nameOf(chosenCluster)} has no services.`);
      return undefined;
    }
    const items = services.value
      .map((arn) => ({ label: nameOf(arn), description: nameOf(chosenCluster), value: nameOf(arn) }))
      .sort(
        (a, b) => Number(b.label === family) - Number(a.label === family) || a.label.localeCompare(b.label),
      );
    const service = await this.prompts.pick(`Service in ${nameOf(chosenCluster)}`, items);
    return service ? { connection, cluster: chosenCluster, service } : undefined;
  }

  /** The service a command acts on, from its argument, the active file's binding, or a pick. */
  async serviceTarget(arg: unknown): Promise<ServiceBinding | undefined> {
    const a = describeArgument(arg);
    if (a.uri) return this.bindingFor(a.uri);
    if (a.service && a.cluster) {
      const connection = a.connection ?? (await this.defaultConnection());
      return connection ? { connection, cluster: a.cluster, service: a.service } : undefined;
    }
    const active = vscode.window.activeTextEditor?.document.uri;
    const bound = active ? this.bindings.binding(active) : undefined;
    if (bound && !a.cluster) return bound;
    const connection = a.connection ?? (await this.defaultConnection());
    return connection ? this.pickService(connection, undefined, a.cluster) : undefined;
  }

  /** The service a command acts on, described; undefined after reporting why it could not be read. */
  async currentService(
    binding: ServiceBinding,
    what: string,
  ): Promise<{ api: EcsDeployApi; svc: ServiceView; account: string | undefined } | undefined> {
    const api = this.api(binding.connection);
    const current = await api.describeService(binding.cluster, binding.service);
    if (!current.ok) return void this.report(current.error, what);
    return { api, svc: current.value, account: accountOf(current.value.serviceArn) };
  }

  /** Watches the deployment an UpdateService started; returns its id. */
  watchUpdate(
    binding: ServiceBinding,
    updated: ServiceView,
    since: Date,
    account: string | undefined,
    completedOutcome?: string,
  ): string | undefined {
    const deploymentId = primaryOf(updated)?.id;
    this.watch(binding, {
      ...(deploymentId ? { deploymentId } : {}),
      ...(completedOutcome ? { completedOutcome } : {}),
      since,
      ...(account ? { account } : {}),
      ...(updated.strategy ? { strategy: updated.strategy } : {}),
    });
    return deploymentId;
  }

  /** Starts (or restarts) watching a service's rollout in the Rollouts view. */
  watch(
    binding: ServiceBinding,
    options: {
      deploymentId?: string;
      since?: Date;
      account?: string;
      strategy?: string;
      completedOutcome?: string;
    } = {},
  ): RolloutState {
    const api = this.api(binding.connection);
    const watchOptions = {
      cluster: binding.cluster,
      service: binding.service,
      intervalMs: Math.max(50, setting<number>('deploy.pollIntervalMs', 5000)),
      ...(options.deploymentId ? { deploymentId: options.deploymentId } : {}),
      ...(options.since ? { since: options.since } : {}),
      ...(options.completedOutcome ? { completedOutcome: options.completedOutcome } : {}),
    };
    // Blue/green, linear and canary deployments are followed stage by stage through the service
    // deployments API (falling back to DescribeServices where it is missing); rolling ones as before.
    const watcher = followsStages(options.strategy)
      ? watchServiceDeployment(api, watchOptions)
      : watchRollout(api, watchOptions);
    const target: RolloutTarget = {
      connection: binding.connection,
      cluster: binding.cluster,
      service: binding.service,
      ...(options.account ? { account: options.account } : {}),
    };
    this.registry.add(target, watcher);
    let lastEvents = 0;
    let lastProblem: string | undefined;
    watcher.onChange((state) => {
      // The log keeps the events and connection problems (they carry no secrets).
      for (const e of state.events.slice(lastEvents)) this.ctx.log.info(`[${binding.service}] ${e.message}`);
      lastEvents = state.events.length;
      const problem = state.connectionProblem?.message;
      if (problem && problem !== lastProblem) this.ctx.log.warn(`[${binding.service}] ${state.message}`);
      lastProblem = problem;
    });
    void watcher.done.then((state) => this.announce(binding, state));
    void vscode.commands.executeCommand('ecsWorkbench.rollouts.focus').then(undefined, () => undefined);
    return watcher.state;
  }

  private announce(binding: ServiceBinding, state: RolloutState): void {
    this.ctx.log.info(`[${binding.service}] ${state.message}`);
    switch (state.phase) {
      case 'completed':
        void this.prompts.notify('info', state.message);
        break;
      case 'failed':
        void this.prompts.notify('error', state.message);
        break;
      case 'error':
        void this.prompts.notify('error', `Watching ${binding.service} ended: ${state.message}`);
        break;
      case 'superseded':
        void this.prompts.notify('warning', state.message);
        break;
      default:
        break;
    }
  }
}

export function primaryOf(service: ServiceView): ServiceView['deployments'][number] | undefined {
  return service.deployments.find((d) => d.status === 'PRIMARY');
}
