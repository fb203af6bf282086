/**
 * Checks of ECS's native deployment strategies (2025: `BLUE_GREEN`, `LINEAR`, `CANARY` beside
 * `ROLLING`) in `deploymentConfiguration`: which settings belong to which strategy, their documented
 * ranges, lifecycle hooks, and what blue/green traffic shifting needs. Every fact comes from the API
 * reference pages of DeploymentConfiguration, LinearConfiguration, CanaryConfiguration,
 * DeploymentEarlySuccessCriteria, DeploymentLifecycleHook and AdvancedConfiguration (the same text
 * is in @aws-sdk/client-ecs's model). Where the reference says "must" but does not say the API
 * rejects the request, the finding is a warning.
 */
import type { Node } from 'jsonc-parser';
import type { DiagnosticSink } from '../core/diagnosticSink';
import { itemsOf, numberOf, propertyOf, stringOf, valueOf } from '../core/properties';
import type { ServiceView } from './serviceView';

const STRATEGY_SETTINGS: readonly { key: string; strategies: readonly string[] }[] = [
  { key: 'linearConfiguration', strategies: ['LINEAR'] },
  { key: 'canaryConfiguration', strategies: ['CANARY'] },
  { key: 'earlySuccessCriteria', strategies: ['ROLLING'] },
];

/** Traffic-shifting strategies: they move load balancer or Service Connect traffic between revisions. */
const SHIFTING = new Set(['BLUE_GREEN', 'LINEAR', 'CANARY']);

/** Stages at which a PAUSE hook is not allowed (DeploymentLifecycleHook.lifecycleStages). */
const NO_PAUSE_STAGES = new Set(['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT']);

/**
 * A documented range of one deployment setting: `[section, member, min, max, step]`, where step is
 * the documented granularity ("multiples of 0.1"), or 1 for whole numbers.
 */
type Range = readonly [section: string, member: string, min: number, max: number, step: number];

const RANGES: readonly Range[] = [
  ['canaryConfiguration', 'canaryPercent', 0.1, 100, 0.1],
  ['canaryConfiguration', 'canaryBakeTimeInMinutes', 0, 1440, 1],
  ['linearConfiguration', 'stepPercent', 3, 100, 0.1],
  ['linearConfiguration', 'stepBakeTimeInMinutes', 0, 1440, 1],
  ['earlySuccessCriteria', 'healthyPercent', 0, 100, 1],
];

function nodeAt(root: Node | undefined, path: readonly string[]): Node | undefined {
  let node = root;
  for (const key of path) node = valueOf(node, key);
  return node;
}

function onGrid(value: number, step: number): boolean {
  const scaled = value / step;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

function checkRanges(config: Node, view: ServiceView, sink: DiagnosticSink): void {
  for (const [section, member, min, max, step] of RANGES) {
    const node = nodeAt(config, [section, member]);
    const value = view.templated(node) ? undefined : numberOf(node);
    if (!node || value === undefined) continue;
    if (value < min || value > max || !onGrid(value, step)) {
      const grid = step === 1 ? 'a whole number' : `a multiple of ${step}`;
      sink.report('ECS145', node, `${member} must be ${grid} from ${min} to ${max}, not ${value}.`);
    }
  }
  const minHealthy = numberOf(valueOf(config, 'minimumHealthyPercent'));
  const healthyNode = nodeAt(config, ['earlySuccessCriteria', 'healthyPercent']);
  const healthy = view.templated(healthyNode) ? undefined : numberOf(healthyNode);
  if (healthyNode && healthy !== undefined && minHealthy !== undefined && healthy < minHealthy) {
    sink.report(
      'ECS145',
      healthyNode,
      `earlySuccessCriteria.healthyPercent (${healthy}) must be at least minimumHealthyPercent (${minHealthy}).`,
    );
  }
}

function checkStrategySettings(config: Node, strategy: string, sink: DiagnosticSink): void {
  for (const setting of STRATEGY_SETTINGS) {
    const property = propertyOf(config, setting.key);
    if (!property || property.value?.type === 'null') continue;
    if (setting.strategies.includes(strategy)) continue;
    sink.report(
      'ECS144',
      property.key,
      `\`${setting.key}\` applies only to the ${setting.strategies.join(', ')} strategy; with strategy ${strategy} ECS ignores it or rejects the request. Remove it or change \`strategy\`.`,
    );
  }
  if (strategy === 'BLUE_GREEN' && !propertyOf(config, 'bakeTimeInMinutes')) {
    const anchor = propertyOf(config, 'strategy')?.key ?? config;
    sink.report(
      'ECS144',
      anchor,
      'A BLUE_GREEN deployment needs `bakeTimeInMinutes`: how long both revisions run after production traffic has shifted.',
      { fix: 'addProperties', path: ['deploymentConfiguration'], properties: { bakeTimeInMinutes: 5 } },
    );
  }
  const early = valueOf(config, 'earlySuccessCriteria');
  const enabled = valueOf(early, 'enable');
  if (early?.type === 'object' && enabled?.type === 'boolean' && enabled.value === true) {
    const missing = ['healthyPercent', 'sourceServiceRevisionCleanup'].filter((k) => !propertyOf(early, k));
    if (missing.length > 0) {
      sink.report(
        'ECS144',
        enabled,
        `Enabled early success criteria also need ${missing.map((m) => `\`${m}\``).join(' and ')}.`,
      );
    }
  }
}

function checkHooks(config: Node, sink: DiagnosticSink): void {
  for (const hook of itemsOf(valueOf(config, 'lifecycleHooks'))) {
    if (hook.type !== 'object') continue;
    const targetType = stringOf(valueOf(hook, 'targetType')) ?? 'AWS_LAMBDA';
    const stages = valueOf(hook, 'lifecycleStages');
    if (!stages) {
      sink.report('ECS146', hook, 'A lifecycle hook needs `lifecycleStages`: the stages at which it runs.');
    }
    if (targetType === 'PAUSE') {
      for (const stage of itemsOf(stages)) {
        const name = stringOf(stage);
        if (name !== undefined && NO_PAUSE_STAGES.has(name)) {
          sink.report(
            'ECS146',
            stage,
            `A PAUSE hook cannot run at ${name}: ECS allows only AWS_LAMBDA hooks at TEST_TRAFFIC_SHIFT and PRODUCTION_TRAFFIC_SHIFT. Pause at POST_TEST_TRAFFIC_SHIFT or PRE_PRODUCTION_TRAFFIC_SHIFT instead.`,
          );
        }
      }
    } else if (targetType === 'AWS_LAMBDA' && !propertyOf(hook, 'hookTargetArn')) {
      sink.report(
        'ECS146',
        propertyOf(hook, 'targetType')?.key ?? hook,
        'An AWS_LAMBDA lifecycle hook (the default target type) needs `hookTargetArn`, the Lambda function to invoke.',
      );
    }
  }
}

function checkTrafficShifting(view: ServiceView, strategy: string, sink: DiagnosticSink): void {
  const controller = view.stringAt('deploymentController', 'type');
  const strategyNode = nodeAt(view.value('deploymentConfiguration'), ['strategy']);
  if (!strategyNode) return;
  if (controller !== undefined && controller !== 'ECS') {
    sink.report(
      'ECS143',
      strategyNode,
      `The ${strategy} strategy needs the ECS deployment controller, not ${controller}: set \`deploymentController.type\` to ECS (the default) or use ROLLING.`,
    );
    return;
  }
  const balancers = itemsOf(view.value('loadBalancers'));
  const advanced = balancers.some((lb) => valueOf(lb, 'advancedConfiguration')?.type === 'object');
  const serviceConnect = valueOf(view.value('serviceConnectConfiguration'), 'enabled');
  const usesServiceConnect = serviceConnect?.type === 'boolean' && serviceConnect.value === true;
  // update-service may leave load balancers as they are, so only create input can be judged.
  if (!view.isUpdate && !advanced && !usesServiceConnect) {
    sink.report(
      'ECS143',
      strategyNode,
      `${strategy} shifts traffic between revisions through a load balancer's \`advancedConfiguration\` (alternate target group, production listener rule, role) or through Service Connect; this service has neither.`,
    );
  }
}

/** The checks of `deploymentConfiguration.strategy` and what goes with it. */
export function checkDeploymentStrategy(view: ServiceView, sink: DiagnosticSink): void {
  const config = view.value('deploymentConfiguration');
  if (config?.type !== 'object') return;
  const strategyNode = valueOf(config, 'strategy');
  if (view.templated(strategyNode)) return;
  const strategy = stringOf(strategyNode) ?? 'ROLLING';
  checkStrategySettings(config, strategy, sink);
  checkRanges(config, view, sink);
  checkHooks(config, sink);
  if (SHIFTING.has(strategy)) checkTrafficShifting(view, strategy, sink);
}
