/**
 * Deploy commands: register a revision from the open file, deploy it to a service (with a
 * summary of what changes and a confirmation), force a new deployment, roll back, scale, stop a
 * task, deregister a revision, and watch rollouts. Every question goes through `DeployPrompts`;
 * every ECS call through the data layer (`aws/deploy`), which returns failures as values, so each
 * command ends with a message that says what happened and what state things are in.
 */
import * as vscode from 'vscode';
import { describeChanges, summarizeChanges } from '../aws/deploy/changeSummary';
import { accountOf, EcsDeployApi } from '../aws/deploy/ecsDeployApi';
import { normalizedText, parseTaskDefinitionText, type JsonObject } from '../aws/deploy/normalize';
import { registerRevision } from '../aws/deploy/register';
import { watchRollout, type RolloutState } from '../aws/deploy/rolloutWatcher';
import { revisionLabel, type Failure, type RevisionView, type ServiceView } from '../aws/deploy/types';
import type { Connection } from '../aws/gateway';
import type { EcsContext } from '../context';
import { readConnectionSettings } from '../views/connectionSettings';
import { RolloutRegistry, registerRolloutView, type RolloutTarget } from '../views/rolloutView';
import { registerDeployLens } from './deployLens';
import { vscodePrompts, type DeployPrompts } from './deployPrompts';

/** A task definition file's chosen service, remembered per file in the workspace. */
export interface ServiceBinding {
  connection: Connection;
  cluster: string;
  service: string;
}

/** A diff opened by "Diff with Deployed" / "Diff with Previous Revision" (for tests and the log). */
export interface DiffRecord {
  title: string;
  left: vscode.Uri;
  right: vscode.Uri;
  leftText: string;
  rightText: string;
}

/** What deploy features expose to tests through the extension API. */
export interface DeployApi {
  /** Replaces the prompts (undefined restores the VS Code UI). */
  setPrompts(prompts: DeployPrompts | undefined): void;
  /** The watched rollouts of this session, newest first. */
  rollouts(): { target: RolloutTarget; state: RolloutState }[];
  /** Resolves when the rollout of `service` ends (the current watch). */
  rolloutDone(cluster: string, service: string): Promise<RolloutState | undefined>;
  lastDiff(): DiffRecord | undefined;
  binding(uri: vscode.Uri): ServiceBinding | undefined;
  setBinding(uri: vscode.Uri, binding: ServiceBinding | undefined): Promise<void>;
}

export interface DeployResult {
  revision: string;
  deploymentId?: string;
}

const BINDINGS_KEY = 'ecsWorkbench.deploy.bindings';
export const DEPLOYED_SCHEME = 'ecs-workbench-deployed';

function setting<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration('ecsWorkbench').get<T>(key) ?? fallback;
}

function isConnection(value: unknown): value is Connection {
  const v = value as Partial<Connection> | undefined;
  return typeof v === 'object' && v !== null && typeof v.profile === 'string' && typeof v.region === 'string';
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

const nameOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

/** Reads what a command was invoked on: an explorer node, a rollout node, a URI, an ARN... */
export function describeArgument(arg: unknown): {
  connection?: Connection;
  cluster?: string;
  service?: string;
  task?: string;
  taskDefinition?: string;
  uri?: vscode.Uri;
} {
  if (arg instanceof vscode.Uri) return { uri: arg };
  if (typeof arg === 'string') {
    if (arg.includes(':task-definition/') || /^[\w-]+:\d+$/.test(arg)) return { taskDefinition: arg };
    return {};
  }
  const target = field(arg, 'target');
  const source = isConnection(field(target, 'connection')) ? target : arg;
  const connection = [field(source, 'connection'), field(arg, 'connection')].find(isConnection);
  const serviceField = field(source, 'service');
  const clusterField = field(source, 'cluster');
  const taskField = field(source, 'task');
  const tdField = field(source, 'taskDefinition') ?? field(source, 'revision') ?? field(source, 'ref');
  const cluster =
    str(clusterField) ??
    str(field(clusterField, 'arn')) ??
    str(field(clusterField, 'name')) ??
    str(field(serviceField, 'clusterArn')) ??
    str(field(taskField, 'clusterArn')) ??
    str(field(source, 'clusterArn'));
  const service =
    str(serviceField) ??
    str(field(serviceField, 'name')) ??
    str(field(serviceField, 'serviceName')) ??
    str(field(taskField, 'serviceName')) ??
    str(field(source, 'serviceName'));
  const task = str(taskField) ?? str(field(taskField, 'arn')) ?? str(field(source, 'taskArn'));
  const taskDefinition =
    str(tdField) ?? str(field(tdField, 'arn')) ?? str(field(source, 'taskDefinitionArn'));
  return {
    ...(connection ? { connection } : {}),
    ...(cluster ? { cluster } : {}),
    ...(service ? { service } : {}),
    ...(task ? { task } : {}),
    ...(taskDefinition ? { taskDefinition } : {}),
  };
}

/** Matches a name against patterns with `*` wildcards (protected clusters and profiles). */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => {
    const re = new RegExp(
      `^${p
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return re.test(name);
  });
}

export class DeployFeature implements DeployApi, vscode.Disposable {
  private prompts: DeployPrompts = vscodePrompts;
  readonly registry = new RolloutRegistry();
  private readonly contents = new Map<string, string>();
  private readonly contentChanged = new vscode.EventEmitter<vscode.Uri>();
  private last: DiffRecord | undefined;
  private readonly touched = new Map<string, number>();
  private readonly bindingChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeBindings = this.bindingChanged.event;

  constructor(private readonly ctx: EcsContext) {}

  dispose(): void {
    this.registry.dispose();
    this.contentChanged.dispose();
    this.bindingChanged.dispose();
  }

  // ---- API for tests ----------------------------------------------------------------------

  setPrompts(prompts: DeployPrompts | undefined): void {
    this.prompts = prompts ?? vscodePrompts;
  }

  rollouts(): { target: RolloutTarget; state: RolloutState }[] {
    return this.registry.list();
  }

  async rolloutDone(cluster: string, service: string): Promise<RolloutState | undefined> {
    const entry = this.registry
      .list()
      .find(
        (r) =>
          (r.target.cluster === cluster || nameOf(r.target.cluster) === cluster) &&
          r.target.service === service,
      );
    if (!entry) return undefined;
    return this.registry.get(entry.target)?.done;
  }

  lastDiff(): DiffRecord | undefined {
    return this.last;
  }

  binding(uri: vscode.Uri): ServiceBinding | undefined {
    const all = this.ctx.extensionContext.workspaceState.get<Record<string, ServiceBinding>>(
      BINDINGS_KEY,
      {},
    );
    return all[uri.toString()];
  }

  async setBinding(uri: vscode.Uri, binding: ServiceBinding | undefined): Promise<void> {
    const all = {
      ...this.ctx.extensionContext.workspaceState.get<Record<string, ServiceBinding>>(BINDINGS_KEY, {}),
    };
    if (binding) all[uri.toString()] = binding;
    else delete all[uri.toString()];
    await this.ctx.extensionContext.workspaceState.update(BINDINGS_KEY, all);
    this.bindingChanged.fire();
  }

  // ---- plumbing ------------------------------------------------------------------------------

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

  private report(failure: Failure, what: string): void {
    this.ctx.log.warn(`${what}: ${failure.message}`);
    void this.prompts.notify('error', `${what}: ${failure.message}`);
  }

  private protectedTarget(connection: Connection, cluster: string): boolean {
    const clusters = setting<string[]>('protectedClusters', []);
    const profiles = setting<string[]>('protectedProfiles', []);
    return (
      matchesAny(cluster, clusters) ||
      matchesAny(nameOf(cluster), clusters) ||
      matchesAny(connection.profile, profiles)
    );
  }

  /** Asks before a mutating action; protected clusters/profiles need the service name typed. */
  private async confirm(
    connection: Connection,
    cluster: string,
    service: string,
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

  private where(connection: Connection, cluster: string, service: string, account?: string): string {
    return [
      `Account: ${account ?? 'unknown'}`,
      `Region: ${connection.region}`,
      `Profile: ${connection.profile}${connection.endpoint ? ` (endpoint ${connection.endpoint})` : ''}`,
      `Cluster: ${nameOf(cluster)}`,
      `Service: ${service}`,
    ].join('\n');
  }

  /** Records edits so the diagnostics check can wait for the language server to catch up. */
  touch(uri: vscode.Uri): void {
    this.touched.set(uri.toString(), Date.now());
  }

  /** Error diagnostics of the language service for `uri`, after letting a recent edit be validated. */
  private async errorDiagnostics(uri: vscode.Uri): Promise<vscode.Diagnostic[]> {
    const last = this.touched.get(uri.toString()) ?? 0;
    const errors = (): vscode.Diagnostic[] =>
      vscode.languages
        .getDiagnostics(uri)
        .filter((d) => d.source === 'ecs' && d.severity === vscode.DiagnosticSeverity.Error);
    if (Date.now() - last < 2000 && errors().length === 0 && this.ctx.languageClient?.isRunning()) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 2000);
        const sub = vscode.languages.onDidChangeDiagnostics((e) => {
          if (e.uris.some((u) => u.toString() === uri.toString())) done();
        });
        function done(): void {
          clearTimeout(timer);
          sub.dispose();
          resolve();
        }
      });
    }
    return errors();
  }

  private async documentOf(arg: unknown): Promise<vscode.TextDocument | undefined> {
    const { uri } = describeArgument(arg);
    if (uri) return vscode.workspace.openTextDocument(uri);
    return vscode.window.activeTextEditor?.document;
  }

  /** The register input of a document, or undefined after telling the user why not. */
  async checkedInput(document: vscode.TextDocument): Promise<JsonObject | undefined> {
    const errors = await this.errorDiagnostics(document.uri);
    if (errors.length > 0) {
      const listed = errors
        .slice(0, 5)
        .map(
          (d) =>
            `line ${d.range.start.line + 1}: ${d.message}${d.code !== undefined ? ` (${typeof d.code === 'object' ? String(d.code.value) : String(d.code)})` : ''}`,
        )
        .join('; ');
      const more = errors.length > 5 ? ` …and ${errors.length - 5} more` : '';
      void this.prompts.notify(
        'error',
        `Not registered: ${vscode.workspace.asRelativePath(document.uri)} has ${errors.length} error(s): ${listed}${more}. Fix them (see Problems) and try again.`,
      );
      return undefined;
    }
    const parsed = parseTaskDefinitionText(document.getText());
    if (!parsed.ok) {
      void this.prompts.notify('error', `Not registered: ${parsed.message}`);
      return undefined;
    }
    return parsed.input;
  }

  /** The service a file deploys to: remembered, or picked (and remembered). */
  private async bindingFor(uri: vscode.Uri, family?: string): Promise<ServiceBinding | undefined> {
    const known = this.binding(uri);
    if (known) return known;
    const connection = await this.defaultConnection();
    if (!connection) return undefined;
    const picked = await this.pickService(connection, family);
    if (picked) await this.setBinding(uri, picked);
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
  private async serviceTarget(arg: unknown): Promise<ServiceBinding | undefined> {
    const a = describeArgument(arg);
    if (a.uri) return this.bindingFor(a.uri);
    if (a.service && a.cluster) {
      const connection = a.connection ?? (await this.defaultConnection());
      return connection ? { connection, cluster: a.cluster, service: a.service } : undefined;
    }
    const active = vscode.window.activeTextEditor?.document.uri;
    const bound = active ? this.binding(active) : undefined;
    if (bound && !a.cluster) return bound;
    const connection = a.connection ?? (await this.defaultConnection());
    return connection ? this.pickService(connection, undefined, a.cluster) : undefined;
  }

  /** Starts (or restarts) watching a service's rollout in the Rollouts view. */
  watch(
    binding: ServiceBinding,
    options: { deploymentId?: string; since?: Date; account?: string } = {},
  ): RolloutState {
    const api = this.api(binding.connection);
    const watcher = watchRollout(api, {
      cluster: binding.cluster,
      service: binding.service,
      intervalMs: Math.max(50, setting<number>('deploy.pollIntervalMs', 5000)),
      ...(options.deploymentId ? { deploymentId: options.deploymentId } : {}),
      ...(options.since ? { since: options.since } : {}),
    });
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

  // ---- commands ------------------------------------------------------------------------------

  /** Register revision from the open file. */
  async registerFromFile(
    arg?: unknown,
    options: { quiet?: boolean } = {},
  ): Promise<RevisionView | undefined> {
    const document = await this.documentOf(arg);
    if (!document) {
      void this.prompts.notify('warning', 'Open a task definition file to register it.');
      return undefined;
    }
    const input = await this.checkedInput(document);
    if (!input) return undefined;
    const connection = this.binding(document.uri)?.connection ?? (await this.defaultConnection());
    if (!connection) return undefined;
    return this.register(connection, input, options.quiet ?? false);
  }

  private async register(
    connection: Connection,
    input: JsonObject,
    quiet: boolean,
  ): Promise<RevisionView | undefined> {
    const result = await registerRevision(this.api(connection), input, {
      onStep: (message) => this.ctx.log.info(message),
    });
    if (!result.ok) {
      this.report(result.error, `Registering ${String(input.family)} failed`);
      return undefined;
    }
    const revision = result.value.revision;
    this.ctx.log.info(
      `Registered ${revision.arn}${result.value.recovered ? ' (response lost; found by checking the family)' : ''}`,
    );
    if (!quiet) {
      void this.prompts
        .notify('info', `Registered ${revision.family}:${revision.revision} (${revision.arn}).`, [
          'Deploy to Service…',
          'Diff with Previous Revision',
        ])
        .then((choice) => {
          if (choice === 'Deploy to Service…') {
            void vscode.commands.executeCommand('ecsWorkbench.deployRevision', {
              connection,
              taskDefinition: revision.arn,
            });
          } else if (choice === 'Diff with Previous Revision') {
            void vscode.commands.executeCommand('ecsWorkbench.diffWithPreviousRevision', {
              connection,
              taskDefinition: revision.arn,
            });
          }
        });
    }
    return revision;
  }

  /** Register & deploy: the open file to its service. */
  async deployFile(arg?: unknown): Promise<DeployResult | undefined> {
    const document = await this.documentOf(arg);
    if (!document) {
      void this.prompts.notify('warning', 'Open a task definition file to deploy it.');
      return undefined;
    }
    const input = await this.checkedInput(document);
    if (!input) return undefined;
    const binding = await this.bindingFor(document.uri, String(input.family));
    if (!binding) return undefined;
    return this.deploy(binding, { input, file: vscode.workspace.asRelativePath(document.uri) });
  }

  /** Deploy an already registered revision (from a revision node, or after registering). */
  async deployRevision(arg?: unknown): Promise<DeployResult | undefined> {
    const a = describeArgument(arg);
    const connection = a.connection ?? (await this.defaultConnection());
    if (!connection) return undefined;
    let taskDefinition = a.taskDefinition;
    if (!taskDefinition) {
      taskDefinition = await this.prompts.text({
        title: 'Deploy a task definition revision',
        prompt: 'Revision ARN or family:revision',
        value: '',
      });
      if (!taskDefinition) return undefined;
    }
    const revision = await this.api(connection).describeTaskDefinition(taskDefinition);
    if (!revision.ok) return void this.report(revision.error, `Cannot read ${taskDefinition}`);
    const binding =
      a.service && a.cluster
        ? { connection, cluster: a.cluster, service: a.service }
        : await this.pickService(connection, revision.value.family, a.cluster);
    if (!binding) return undefined;
    return this.deploy(binding, { revision: revision.value });
  }

  private async deploy(
    binding: ServiceBinding,
    what: { input: JsonObject; file: string } | { revision: RevisionView },
  ): Promise<DeployResult | undefined> {
    const { connection, cluster, service } = binding;
    const api = this.api(connection);
    const current = await api.describeService(cluster, service);
    if (!current.ok) return void this.report(current.error, `Cannot deploy to ${service}`);
    const svc = current.value;
    const account = accountOf(svc.serviceArn);
    const running = await api.describeTaskDefinition(svc.taskDefinition);
    const next = 'input' in what ? what.input : what.revision.taskDefinition;
    const changes = describeChanges(
      summarizeChanges(running.ok ? running.value.taskDefinition : undefined, next),
    );
    const label =
      'input' in what
        ? `${String(what.input.family)} (new revision from ${what.file})`
        : revisionLabel(what.revision.arn);
    const detail = [
      this.where(connection, cluster, service, account),
      `Now running: ${revisionLabel(svc.taskDefinition)} (${svc.runningCount}/${svc.desiredCount} tasks)`,
      `Deploying: ${label}`,
      '',
      'Changes:',
      ...changes.map((l) => `• ${l}`),
      ...(running.ok ? [] : [`(The running revision could not be read: ${running.error.message})`]),
    ].join('\n');
    if (
      !(await this.confirm(connection, cluster, service, `Deploy ${label} to ${service}?`, detail, 'Deploy'))
    ) {
      return undefined;
    }
    let revision: RevisionView | undefined = 'revision' in what ? what.revision : undefined;
    if ('input' in what) {
      revision = await this.register(connection, what.input, true);
      if (!revision) return undefined;
    }
    if (!revision) return undefined;
    const since = new Date(Date.now() - 1000);
    const updated = await api.updateService({ cluster, service, taskDefinition: revision.arn });
    if (!updated.ok) {
      this.report(
        updated.error,
        `${revisionLabel(revision.arn)} is registered, but ${service} was not updated (it still runs ${revisionLabel(svc.taskDefinition)})`,
      );
      return { revision: revision.arn };
    }
    const deploymentId = primaryOf(updated.value)?.id;
    this.watch(binding, {
      ...(deploymentId ? { deploymentId } : {}),
      since,
      ...(account ? { account } : {}),
    });
    void this.prompts.notify(
      'info',
      `Deploying ${revisionLabel(revision.arn)} to ${service}; follow it in the Rollouts view.`,
    );
    return { revision: revision.arn, ...(deploymentId ? { deploymentId } : {}) };
  }

  /** Force a new deployment of the revision the service runs (a restart, no edit). */
  async forceNewDeployment(arg?: unknown): Promise<DeployResult | undefined> {
    const binding = await this.serviceTarget(arg);
    if (!binding) return undefined;
    const { connection, cluster, service } = binding;
    const api = this.api(connection);
    const current = await api.describeService(cluster, service);
    if (!current.ok) return void this.report(current.error, `Cannot redeploy ${service}`);
    const svc = current.value;
    const account = accountOf(svc.serviceArn);
    const detail = [
      this.where(connection, cluster, service, account),
      `Revision: ${revisionLabel(svc.taskDefinition)} (unchanged)`,
      `ECS starts ${svc.desiredCount} new task(s) and then stops the old ones, following the service's deployment settings.`,
    ].join('\n');
    if (
      !(await this.confirm(
        connection,
        cluster,
        service,
        `Force a new deployment of ${service}?`,
        detail,
        'Redeploy',
      ))
    ) {
      return undefined;
    }
    const since = new Date(Date.now() - 1000);
    const updated = await api.updateService({ cluster, service, forceNewDeployment: true });
    if (!updated.ok) return void this.report(updated.error, `${service} was not redeployed`);
    const deploymentId = primaryOf(updated.value)?.id;
    this.watch(binding, {
      ...(deploymentId ? { deploymentId } : {}),
      since,
      ...(account ? { account } : {}),
    });
    return { revision: svc.taskDefinition, ...(deploymentId ? { deploymentId } : {}) };
  }

  /** Roll back: stop the deployment in progress with ROLLBACK, or deploy the previous revision. */
  async rollback(
    arg?: unknown,
  ): Promise<{ method: 'StopServiceDeployment' | 'UpdateService'; revision: string } | undefined> {
    const binding = await this.serviceTarget(arg);
    if (!binding) return undefined;
    const { connection, cluster, service } = binding;
    const api = this.api(connection);
    const current = await api.describeService(cluster, service);
    if (!current.ok) return void this.report(current.error, `Cannot roll back ${service}`);
    const svc = current.value;
    const account = accountOf(svc.serviceArn);
    const primary = primaryOf(svc);
    const previousDeployment = svc.deployments.find(
      (d) => d.status === 'ACTIVE' && d.taskDefinition !== primary?.taskDefinition,
    );
    const since = new Date(Date.now() - 1000);
    if (primary?.rolloutState === 'IN_PROGRESS' && previousDeployment) {
      const inProgress = await api.inProgressServiceDeployments(cluster, service);
      const target = inProgress.ok ? inProgress.value[0] : undefined;
      if (target) {
        const detail = [
          this.where(connection, cluster, service, account),
          `Stops the deployment of ${revisionLabel(primary.taskDefinition)} in progress (StopServiceDeployment, ROLLBACK).`,
          `Comes back: ${revisionLabel(previousDeployment.taskDefinition)}`,
        ].join('\n');
        if (
          !(await this.confirm(
            connection,
            cluster,
            service,
            `Roll back ${service} to ${revisionLabel(previousDeployment.taskDefinition)}?`,
            detail,
            'Roll Back',
          ))
        ) {
          return undefined;
        }
        const stopped = await api.stopServiceDeployment(target.arn, 'ROLLBACK');
        if (!stopped.ok) return void this.report(stopped.error, `${service} was not rolled back`);
        this.watch(binding, { since, ...(account ? { account } : {}) });
        void this.prompts.notify(
          'info',
          `Rolling ${service} back to ${revisionLabel(previousDeployment.taskDefinition)}.`,
        );
        return { method: 'StopServiceDeployment', revision: previousDeployment.taskDefinition };
      }
    }
    // No deployment to stop: deploy the family's previous ACTIVE revision.
    const runningLabel = revisionLabel(svc.taskDefinition);
    const family = runningLabel.slice(0, runningLabel.lastIndexOf(':'));
    const runningRevision = Number(runningLabel.slice(runningLabel.lastIndexOf(':') + 1));
    const revisions = await api.listRevisions(family);
    if (!revisions.ok)
      return void this.report(revisions.error, `Cannot find the revision before ${runningLabel}`);
    const previous = revisions.value.find(
      (arn) => Number(revisionLabel(arn).split(':').pop()) < runningRevision,
    );
    if (!previous) {
      void this.prompts.notify(
        'warning',
        `${service} runs ${runningLabel}; there is no earlier ACTIVE revision of ${family} to roll back to.`,
      );
      return undefined;
    }
    const detail = [
      this.where(connection, cluster, service, account),
      `Now running: ${runningLabel}`,
      `Comes back: ${revisionLabel(previous)} (UpdateService)`,
    ].join('\n');
    if (
      !(await this.confirm(
        connection,
        cluster,
        service,
        `Roll back ${service} to ${revisionLabel(previous)}?`,
        detail,
        'Roll Back',
      ))
    ) {
      return undefined;
    }
    const updated = await api.updateService({ cluster, service, taskDefinition: previous });
    if (!updated.ok)
      return void this.report(
        updated.error,
        `${service} was not rolled back (it still runs ${runningLabel})`,
      );
    const deploymentId = primaryOf(updated.value)?.id;
    this.watch(binding, {
      ...(deploymentId ? { deploymentId } : {}),
      since,
      ...(account ? { account } : {}),
    });
    return { method: 'UpdateService', revision: previous };
  }

  /** Scale: set the desired count. */
  async scale(arg?: unknown): Promise<number | undefined> {
    const binding = await this.serviceTarget(arg);
    if (!binding) return undefined;
    const { connection, cluster, service } = binding;
    const api = this.api(connection);
    const current = await api.describeService(cluster, service);
    if (!current.ok) return void this.report(current.error, `Cannot scale ${service}`);
    const svc = current.value;
    const desired = await this.prompts.number({
      title: `Scale ${service}`,
      prompt: `Desired number of tasks (now ${svc.desiredCount}, ${svc.runningCount} running)`,
      value: svc.desiredCount,
      min: 0,
      max: 5000,
    });
    if (desired === undefined || desired === svc.desiredCount) return undefined;
    const account = accountOf(svc.serviceArn);
    const detail = `${this.where(connection, cluster, service, account)}\nDesired count: ${svc.desiredCount} → ${desired}`;
    if (
      !(await this.confirm(
        connection,
        cluster,
        service,
        `Scale ${service} to ${desired} task(s)?`,
        detail,
        'Scale',
      ))
    ) {
      return undefined;
    }
    const updated = await api.updateService({ cluster, service, desiredCount: desired });
    if (!updated.ok)
      return void this.report(
        updated.error,
        `${service} was not scaled (desired count stays ${svc.desiredCount})`,
      );
    void this.prompts.notify('info', `${service}: desired count set to ${desired}.`);
    return desired;
  }

  /** Stop one task. */
  async stopTask(arg?: unknown): Promise<string | undefined> {
    const a = describeArgument(arg);
    if (!a.task || !a.cluster) {
      void this.prompts.notify('warning', 'Run "Stop Task" on a task in the ECS explorer.');
      return undefined;
    }
    const connection = a.connection ?? (await this.defaultConnection());
    if (!connection) return undefined;
    const reason = await this.prompts.text({
      title: `Stop task ${nameOf(a.task)}`,
      prompt: "Reason (shown as the task's stopped reason)",
      value: 'Stopped from VS Code (ECS Workbench)',
    });
    if (reason === undefined) return undefined;
    const detail = [
      `Region: ${connection.region}`,
      `Profile: ${connection.profile}`,
      `Cluster: ${nameOf(a.cluster)}`,
      `Task: ${a.task}`,
      a.service
        ? `The service ${a.service} starts a replacement task.`
        : 'A standalone task is not replaced.',
    ].join('\n');
    if (
      !(await this.confirm(
        connection,
        a.cluster,
        a.service ?? nameOf(a.task),
        `Stop task ${nameOf(a.task)}?`,
        detail,
        'Stop Task',
      ))
    ) {
      return undefined;
    }
    const stopped = await this.api(connection).stopTask(a.cluster, a.task, reason);
    if (!stopped.ok) return void this.report(stopped.error, `Task ${nameOf(a.task)} was not stopped`);
    void this.prompts.notify('info', `Task ${nameOf(a.task)} is stopping.`);
    return stopped.value.taskArn;
  }

  /** Deregister a revision. */
  async deregister(arg?: unknown): Promise<string | undefined> {
    const a = describeArgument(arg);
    if (!a.taskDefinition) {
      void this.prompts.notify(
        'warning',
        'Run "Deregister Revision" on a task definition revision in the ECS explorer.',
      );
      return undefined;
    }
    const connection = a.connection ?? (await this.defaultConnection());
    if (!connection) return undefined;
    const detail = [
      `Region: ${connection.region}`,
      `Profile: ${connection.profile}`,
      `Revision: ${a.taskDefinition}`,
      'It becomes INACTIVE: services already running it keep their tasks, but it can no longer be used for new services or deployments.',
    ].join('\n');
    const title = `Deregister ${revisionLabel(a.taskDefinition)}?`;
    // A protected profile needs the revision typed, as services need their name typed.
    const ok = matchesAny(connection.profile, setting<string[]>('protectedProfiles', []))
      ? await this.prompts.typedConfirm({ title, detail, expected: revisionLabel(a.taskDefinition) })
      : await this.prompts.confirm({ title, detail, action: 'Deregister' });
    if (!ok) return undefined;
    const done = await this.api(connection).deregister(a.taskDefinition);
    if (!done.ok)
      return void this.report(done.error, `${revisionLabel(a.taskDefinition)} was not deregistered`);
    void this.prompts.notify(
      'info',
      `${revisionLabel(done.value.arn)} is now ${done.value.status ?? 'INACTIVE'}.`,
    );
    return done.value.arn;
  }

  /** Watch a service's rollout. */
  async watchService(arg?: unknown): Promise<RolloutState | undefined> {
    const binding = await this.serviceTarget(arg);
    if (!binding) return undefined;
    return this.watch(binding);
  }

  stopWatching(arg?: unknown): void {
    const a = describeArgument(arg);
    for (const r of this.registry.list()) {
      if (a.service === undefined || (r.target.service === a.service && r.target.cluster === a.cluster)) {
        this.registry.stop(r.target);
      }
    }
  }

  // ---- diffs ---------------------------------------------------------------------------------

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  readonly onDidChangeContent = this.contentChanged.event;

  private async showDiff(
    title: string,
    leftName: string,
    leftText: string,
    rightName: string,
    rightText: string,
  ): Promise<DiffRecord> {
    const stamp = Date.now().toString(36);
    const left = vscode.Uri.from({ scheme: DEPLOYED_SCHEME, path: `/${leftName}`, query: stamp });
    const right = vscode.Uri.from({ scheme: DEPLOYED_SCHEME, path: `/${rightName}`, query: stamp });
    this.contents.set(left.toString(), leftText);
    this.contents.set(right.toString(), rightText);
    this.last = { title, left, right, leftText, rightText };
    await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
    return this.last;
  }

  /** Diff with deployed: the revision the bound service runs ↔ the open file, both normalised. */
  async diffWithDeployed(arg?: unknown): Promise<DiffRecord | undefined> {
    const document = await this.documentOf(arg);
    if (!document) {
      void this.prompts.notify('warning', 'Open a task definition file to compare it with what runs.');
      return undefined;
    }
    const parsed = parseTaskDefinitionText(document.getText());
    if (!parsed.ok) return void this.prompts.notify('error', `Cannot compare: ${parsed.message}`);
    const binding = await this.bindingFor(document.uri, String(parsed.input.family));
    if (!binding) return undefined;
    const api = this.api(binding.connection);
    const svc = await api.describeService(binding.cluster, binding.service);
    if (!svc.ok) return void this.report(svc.error, 'Cannot compare with the deployed revision');
    const deployed = await api.describeTaskDefinition(svc.value.taskDefinition);
    if (!deployed.ok)
      return void this.report(deployed.error, `Cannot read ${revisionLabel(svc.value.taskDefinition)}`);
    const label = revisionLabel(deployed.value.arn);
    const file = vscode.workspace.asRelativePath(document.uri);
    return this.showDiff(
      `${label} (running in ${binding.service}) ↔ ${file} (normalised)`,
      `${label.replace(':', '-')}.deployed.json`,
      normalizedText(deployed.value.taskDefinition),
      `${file.replace(/[\\/]/g, '_')}.normalised.json`,
      normalizedText(parsed.input),
    );
  }

  /** Diff a revision with the one before it. */
  async diffWithPreviousRevision(arg?: unknown): Promise<DiffRecord | undefined> {
    const a = describeArgument(arg);
    if (!a.taskDefinition) return undefined;
    const connection = a.connection ?? (await this.defaultConnection());
    if (!connection) return undefined;
    const api = this.api(connection);
    const current = await api.describeTaskDefinition(a.taskDefinition);
    if (!current.ok) return void this.report(current.error, `Cannot read ${a.taskDefinition}`);
    if (current.value.revision <= 1) {
      void this.prompts.notify(
        'info',
        `${revisionLabel(current.value.arn)} is the first revision of ${current.value.family}.`,
      );
      return undefined;
    }
    const previousName = `${current.value.family}:${current.value.revision - 1}`;
    const previous = await api.describeTaskDefinition(previousName);
    if (!previous.ok) return void this.report(previous.error, `Cannot read ${previousName}`);
    return this.showDiff(
      `${previousName} ↔ ${current.value.family}:${current.value.revision}`,
      `${previousName.replace(':', '-')}.json`,
      normalizedText(previous.value.taskDefinition),
      `${current.value.family}-${current.value.revision}.json`,
      normalizedText(current.value.taskDefinition),
    );
  }
}

function primaryOf(service: ServiceView): ServiceView['deployments'][number] | undefined {
  return service.deployments.find((d) => d.status === 'PRIMARY');
}

/** Registers the deploy commands, the Rollouts view, the diff content provider, CodeLenses and status bar. */
export function registerDeployCommands(ctx: EcsContext): DeployFeature {
  const feature = ctx.own(new DeployFeature(ctx));
  ctx.own(registerRolloutView(feature.registry));
  ctx.own(vscode.workspace.registerTextDocumentContentProvider(DEPLOYED_SCHEME, feature));
  ctx.own(vscode.workspace.onDidChangeTextDocument((e) => feature.touch(e.document.uri)));
  ctx.own(vscode.workspace.onDidOpenTextDocument((d) => feature.touch(d.uri)));
  const commands: Record<string, (arg?: unknown) => unknown> = {
    'ecsWorkbench.registerTaskDefinition': (arg) => feature.registerFromFile(arg),
    'ecsWorkbench.registerAndDeploy': (arg) => feature.deployFile(arg),
    'ecsWorkbench.deployRevision': (arg) => feature.deployRevision(arg),
    'ecsWorkbench.forceNewDeployment': (arg) => feature.forceNewDeployment(arg),
    'ecsWorkbench.rollbackService': (arg) => feature.rollback(arg),
    'ecsWorkbench.scaleService': (arg) => feature.scale(arg),
    'ecsWorkbench.stopTask': (arg) => feature.stopTask(arg),
    'ecsWorkbench.deregisterTaskDefinition': (arg) => feature.deregister(arg),
    'ecsWorkbench.watchRollout': (arg) => feature.watchService(arg),
    'ecsWorkbench.stopWatchingRollout': (arg) => feature.stopWatching(arg),
    'ecsWorkbench.clearEndedRollouts': () => feature.registry.clearEnded(),
    'ecsWorkbench.diffWithDeployed': (arg) => feature.diffWithDeployed(arg),
    'ecsWorkbench.diffWithPreviousRevision': (arg) => feature.diffWithPreviousRevision(arg),
    'ecsWorkbench.unbindTaskDefinitionFile': async (arg) => {
      const uri = describeArgument(arg).uri ?? vscode.window.activeTextEditor?.document.uri;
      if (uri) await feature.setBinding(uri, undefined);
    },
  };
  for (const [id, run] of Object.entries(commands)) {
    ctx.own(
      vscode.commands.registerCommand(id, async (arg?: unknown) => {
        try {
          return await run(arg);
        } catch (error) {
          // A bug, not an AWS failure (those are values): say so instead of failing silently.
          ctx.log.error(
            `${id} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
          );
          void vscode.window.showErrorMessage(
            `ECS Workbench: ${id} failed unexpectedly. See the log (ECS: Show Log).`,
          );
          return undefined;
        }
      }),
    );
  }
  registerDeployLens(ctx, feature);
  return feature;
}
