/**
 * The pure facts of a service deployment the watcher (serviceDeploymentWatcher.ts) reads: the order
 * of the lifecycle stages, which strategies have stages, when the service deployments API is
 * missing, and the views of hooks and linear/canary steps built from a ServiceDeployment.
 */
import type { ServiceDeployment } from '@aws-sdk/client-ecs';
import type { HookView, ServiceDeploymentProgress } from './rolloutTypes';
import type { Failure } from './types';

/** ServiceDeploymentLifecycleStage, in the order ECS runs them. */
export const STAGE_ORDER: readonly string[] = [
  'RECONCILE_SERVICE',
  'PRE_SCALE_UP',
  'SCALE_UP',
  'POST_SCALE_UP',
  'TEST_TRAFFIC_SHIFT',
  'POST_TEST_TRAFFIC_SHIFT',
  'PRE_PRODUCTION_TRAFFIC_SHIFT',
  'PRODUCTION_TRAFFIC_SHIFT',
  'POST_PRODUCTION_TRAFFIC_SHIFT',
  'BAKE_TIME',
  'CLEAN_UP',
];

/** Whether deployments of this strategy go through lifecycle stages worth following one by one. */
export function followsStages(strategy: string | undefined): boolean {
  return strategy === 'BLUE_GREEN' || strategy === 'LINEAR' || strategy === 'CANARY';
}

/** The service deployments API is not there (old region, custom endpoint, older emulator). */
export function isUnsupported(error: Failure): boolean {
  return /UnknownOperation|UnsupportedFeature|not supported|InvalidAction|UnrecognizedClient/i.test(
    `${error.code ?? ''} ${error.message}`,
  );
}

export const date = (d: Date | undefined): Date | undefined => (d ? new Date(d) : undefined);

export function hookView(h: NonNullable<ServiceDeployment['lifecycleHookDetails']>[number]): HookView {
  return {
    hookId: h.hookId ?? '',
    targetType: h.targetType ?? 'AWS_LAMBDA',
    ...(h.targetArn ? { targetArn: h.targetArn } : {}),
    status: h.status ?? 'UNKNOWN',
    ...(h.expiresAt ? { expiresAt: new Date(h.expiresAt) } : {}),
    ...(h.timeoutAction ? { timeoutAction: h.timeoutAction } : {}),
  };
}

/** LINEAR: step k of n; CANARY: the canary, then the rest (from the traffic now). */
export function stepOf(
  strategy: string,
  traffic: number | undefined,
  cfg: ServiceDeployment['deploymentConfiguration'],
): ServiceDeploymentProgress['step'] {
  if (traffic === undefined) return undefined;
  if (strategy === 'LINEAR') {
    const pct = cfg?.linearConfiguration?.stepPercent ?? 10;
    const of = Math.ceil(100 / pct - 1e-9);
    const index = Math.min(of, Math.ceil(traffic / pct - 1e-9));
    return { index, of, label: `step ${index} of ${of}` };
  }
  if (strategy === 'CANARY') {
    const canary = cfg?.canaryConfiguration?.canaryPercent ?? 5;
    if (traffic <= 0) return { index: 0, of: 2, label: 'before the canary' };
    if (traffic < 100) return { index: 1, of: 2, label: `canary (${canary}%)` };
    return { index: 2, of: 2, label: 'the rest (100%)' };
  }
  return undefined;
}
