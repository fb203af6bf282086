/**
 * The extension's context: owns the language client, the log and every disposable, so that
 * deactivation and restarts release everything in one place.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { readDocumentSelection } from './documentSelection';
import { createAwsGateway, type AwsGateway } from './aws/awsGateway';
import { EcsWrites } from './aws/ecsWrites';
import { maskingChannel } from './aws/mask';
import { createLanguageClient } from './languageClient';

export class EcsContext implements vscode.Disposable {
  readonly log: vscode.LogOutputChannel;
  private client: LanguageClient | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extensionContext: vscode.ExtensionContext) {
    // Every write is masked (environment values, keys, tokens), language-server traces included.
    this.log = maskingChannel(vscode.window.createOutputChannel('ECS Workbench', { log: true }));
    this.disposables.push(this.log);
  }

  private gateway: AwsGateway | undefined;
  private writes: EcsWrites | undefined;

  /** The ECS data layer (created here, but the SDK is loaded only by the first request). */
  get ecs(): AwsGateway {
    this.gateway ??= this.own(createAwsGateway({ log: (level, message) => this.log[level](message) }));
    return this.gateway;
  }

  /** ECS writes (register, update service, stop task, deployments) over the same clients and limiter. */
  get ecsWrites(): EcsWrites {
    this.writes ??= new EcsWrites(this.ecs);
    return this.writes;
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  /** Registers a disposable to be released with the context. */
  own<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  async startLanguageServer(): Promise<void> {
    const selection = readDocumentSelection(this.extensionContext.workspaceState);
    // VS Code's built-in JSON support reports syntax errors itself; the server then does not repeat them.
    const editorReportsJsonSyntax =
      vscode.extensions.getExtension('vscode.json-language-features') !== undefined;
    this.client = createLanguageClient(this.extensionContext, this.log, {
      ...selection,
      editorReportsJsonSyntax,
    });
    await this.client.start();
    this.log.info('ECS language server started');
  }

  async restartLanguageServer(): Promise<void> {
    const old = this.client;
    this.client = undefined;
    if (old)
      await old.stop().catch((error: unknown) => this.log.warn(`Stopping the server: ${String(error)}`));
    await this.startLanguageServer();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) await client.stop();
  }

  dispose(): void {
    for (const d of this.disposables.splice(0).reverse()) d.dispose();
  }
}
