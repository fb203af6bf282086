/** How a health verdict looks: the icon and colour of a service or cluster row. */
import type * as vscode from 'vscode';
import type { Health } from '../health';
import { icon } from './base';

export function healthIcon(health: Health, id?: string): vscode.ThemeIcon {
  switch (health) {
    case 'failing':
      return icon(id ?? 'error', 'errorForeground');
    case 'degraded':
      return icon(id ?? 'warning', 'list.warningForeground');
    case 'deploying':
      return icon(id ?? 'sync~spin', 'charts.blue');
    case 'inactive':
      return icon(id ?? 'circle-slash', 'disabledForeground');
    default:
      return icon(id ?? 'pass', 'testing.iconPassed');
  }
}

export const HEALTH_LABEL: Readonly<Record<Health, string>> = {
  healthy: 'Healthy',
  deploying: 'Deploying',
  degraded: 'Degraded',
  failing: 'Failing',
  inactive: 'Inactive',
};
