/** "Events" of a service (the console's Events tab): newest first, one row per event id. */
import * as vscode from 'vscode';
import type { Result, Service, ServiceEvent } from '../../../aws/gateway';
import { ago, localTime } from '../../format';
import { ExplorerNode, icon, md, type ExplorerEnv } from './base';
import { LoadingNode } from './loading';
import { MessageNode } from './message';

/** Events with the same id are one event (they come again with every description). */
export function distinctEvents(events: readonly ServiceEvent[]): ServiceEvent[] {
  const seen = new Set<string>();
  return events
    .filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)))
    .sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
}

class EventNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    readonly event: ServiceEvent,
    private readonly serviceName: string,
  ) {
    super(parent);
    this.id = `${parent.id}/event:${event.id}`;
  }
  override get json(): unknown {
    return this.event;
  }
  treeItem(): vscode.TreeItem {
    const e = this.event;
    // "(service web) has reached a steady state." reads better without the service it is under.
    const text = e.message.replace(`(service ${this.serviceName}) `, '');
    const item = new vscode.TreeItem(text);
    item.id = this.id;
    item.description = ago(e.createdAt);
    item.tooltip = md([`**${localTime(e.createdAt)}**`, e.message]);
    const bad = /fail|unable|unhealthy|error|circuit breaker|rolling back/i.test(e.message);
    item.iconPath = icon(bad ? 'warning' : 'note', bad ? 'list.warningForeground' : undefined);
    item.contextValue = 'ecsServiceEvent';
    return item;
  }
}

export class EventsNode extends LoadingNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode & { readonly service: Service },
    private readonly env: ExplorerEnv,
  ) {
    super(parent);
    this.id = `${parent.id}/events`;
  }

  private get service(): Service {
    return (this.parent as ExplorerNode & { readonly service: Service }).service;
  }

  treeItem(): vscode.TreeItem {
    const events = distinctEvents(this.service.events ?? []);
    const item = new vscode.TreeItem('Events', this.env.expansion.state(this.id, false));
    item.id = this.id;
    item.description = events[0] ? `latest ${ago(events[0].createdAt)}` : 'none';
    item.iconPath = icon('list-unordered');
    item.tooltip = 'Service events, newest first (ECS keeps the latest 100).';
    item.contextValue = 'ecsServiceEvents';
    return item;
  }

  protected override load(): Promise<Result<ExplorerNode[]>> {
    const events = distinctEvents(this.service.events ?? []);
    const nodes: ExplorerNode[] = events.map((e) => new EventNode(this, e, this.service.name));
    if (nodes.length === 0) nodes.push(new MessageNode(this, undefined, 'No events'));
    return Promise.resolve({ ok: true, value: nodes });
  }
}
