import type {
  DeploymentConfiguration,
  DeploymentStrategy,
  Json,
  JsonObject,
  LifecycleHookConfig,
  LifecycleStage,
} from '../model';
import { LIFECYCLE_STAGES } from '../model';
import { invalidParameter } from '../protocol/errors';
import { isObject, optObject } from '../protocol/params';

/**
 * `deploymentConfiguration` of CreateService / UpdateService, with the 2025 strategies. Ranges and
 * rules are the API reference's (DeploymentConfiguration, LinearConfiguration, CanaryConfiguration,
 * DeploymentCircuitBreaker, ThresholdConfiguration, DeploymentEarlySuccessCriteria,
 * DeploymentLifecycleHook — the same text is in @aws-sdk/client-ecs's models_0.d.ts). ECS answers a
 * configuration it refuses with InvalidParameterException; the reference does not give the message
 * texts, so the messages here say what is wrong in ECS's style rather than quoting it.
 */

const STRATEGIES: readonly DeploymentStrategy[] = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'];
const SHIFTING: ReadonlySet<string> = new Set(['BLUE_GREEN', 'LINEAR', 'CANARY']);
/** DeploymentLifecycleHookStage: the stages a hook may run at (every stage but these three). */
const NO_HOOK: ReadonlySet<string> = new Set(['SCALE_UP', 'BAKE_TIME', 'CLEAN_UP']);
const HOOK_STAGES: ReadonlySet<string> = new Set(LIFECYCLE_STAGES.filter((s) => !NO_HOOK.has(s)));
/**
 * linearConfiguration and canaryConfiguration: the strategy each belongs to, its traffic percent
 * (3-100 for a linear step, 0.1-100 for the canary, on a grid of 0.1) and its bake time (0-1440
 * minutes).
 */
const STEP_CONFIGURATIONS = [
  {
    key: 'linearConfiguration',
    strategy: 'LINEAR',
    percent: 'stepPercent',
    minPercent: 3,
    bakeTime: 'stepBakeTimeInMinutes',
  },
  {
    key: 'canaryConfiguration',
    strategy: 'CANARY',
    percent: 'canaryPercent',
    minPercent: 0.1,
    bakeTime: 'canaryBakeTimeInMinutes',
  },
] as const;

/** "PAUSE hooks cannot be configured at TEST_TRAFFIC_SHIFT or PRODUCTION_TRAFFIC_SHIFT stages." */
const NO_PAUSE: ReadonlySet<string> = new Set(['TEST_TRAFFIC_SHIFT', 'PRODUCTION_TRAFFIC_SHIFT']);

/** A request value as text for an error message. */
function show(v: Json | undefined): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function num(o: JsonObject, key: string, where: string): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number') throw invalidParameter(`${where}.${key} must be a number.`);
  return v;
}

/** A number in [min, max] on a grid of `step` ("multiples of 0.1 from 3.0 to 100.0"). */
function ranged(value: number | undefined, min: number, max: number, step: number, what: string): void {
  if (value === undefined) return;
  const onGrid = Math.abs(value / step - Math.round(value / step)) < 1e-6;
  if (value < min || value > max || !onGrid) {
    const grid = step === 1 ? 'an integer' : `a multiple of ${step}`;
    throw invalidParameter(`${what} must be ${grid} between ${min} and ${max}.`);
  }
}

function readHook(h: Json, i: number): LifecycleHookConfig {
  if (!isObject(h)) throw invalidParameter(`lifecycleHooks[${i}] must be an object.`);
  const targetType = h.targetType ?? 'AWS_LAMBDA';
  if (targetType !== 'AWS_LAMBDA' && targetType !== 'PAUSE')
    throw invalidParameter(`Invalid lifecycle hook targetType: ${show(targetType)}.`);
  const stages = Array.isArray(h.lifecycleStages) ? h.lifecycleStages : undefined;
  if (!stages || stages.length === 0)
    throw invalidParameter('lifecycleStages must be specified for a deployment lifecycle hook.');
  for (const s of stages) {
    if (typeof s !== 'string' || !HOOK_STAGES.has(s))
      throw invalidParameter(`Invalid lifecycle stage: ${show(s)}.`);
    if (targetType === 'PAUSE' && NO_PAUSE.has(s))
      throw invalidParameter(`PAUSE lifecycle hooks cannot be configured at the ${s} stage.`);
  }
  const hookTargetArn = typeof h.hookTargetArn === 'string' ? h.hookTargetArn : undefined;
  if (targetType === 'AWS_LAMBDA' && !hookTargetArn)
    throw invalidParameter('hookTargetArn must be specified for an AWS_LAMBDA lifecycle hook.');
  const timeout = isObject(h.timeoutConfiguration) ? h.timeoutConfiguration : undefined;
  const timeoutInMinutes = timeout ? num(timeout, 'timeoutInMinutes', 'timeoutConfiguration') : undefined;
  const action = timeout?.action;
  if (action !== undefined && action !== 'CONTINUE' && action !== 'ROLLBACK')
    throw invalidParameter(`Invalid timeoutConfiguration action: ${show(action)}.`);
  return {
    targetType,
    ...(hookTargetArn ? { hookTargetArn } : {}),
    ...(typeof h.roleArn === 'string' ? { roleArn: h.roleArn } : {}),
    lifecycleStages: stages as LifecycleStage[],
    ...(timeout
      ? {
          timeoutConfiguration: {
            ...(timeoutInMinutes !== undefined ? { timeoutInMinutes } : {}),
            ...(action ? { action } : {}),
          },
        }
      : {}),
  };
}

/** Reads and checks `deploymentConfiguration`, on top of the service's current one for UpdateService. */
export function readDeploymentConfiguration(
  p: JsonObject,
  base?: DeploymentConfiguration,
): DeploymentConfiguration {
  const dc = optObject(p, 'deploymentConfiguration') ?? {};
  const cb = isObject(dc.deploymentCircuitBreaker) ? dc.deploymentCircuitBreaker : undefined;
  const out: DeploymentConfiguration = structuredClone({
    maximumPercent: typeof dc.maximumPercent === 'number' ? dc.maximumPercent : (base?.maximumPercent ?? 200),
    minimumHealthyPercent:
      typeof dc.minimumHealthyPercent === 'number'
        ? dc.minimumHealthyPercent
        : (base?.minimumHealthyPercent ?? 100),
    deploymentCircuitBreaker: cb
      ? { enable: cb.enable === true, rollback: cb.rollback === true }
      : (base?.deploymentCircuitBreaker ?? { enable: false, rollback: false }),
  });
  if (out.minimumHealthyPercent < 0 || out.minimumHealthyPercent > 100) {
    throw invalidParameter('minimumHealthyPercent must be between 0 and 100.');
  }
  if (out.maximumPercent < 100 || out.maximumPercent > 200) {
    throw invalidParameter('maximumPercent must be between 100 and 200 for a REPLICA service.');
  }
  if (cb) {
    if (typeof cb.resetOnHealthyTask === 'boolean')
      out.deploymentCircuitBreaker.resetOnHealthyTask = cb.resetOnHealthyTask;
    const t = isObject(cb.thresholdConfiguration) ? cb.thresholdConfiguration : undefined;
    if (t) {
      const type = t.type ?? 'BOUNDED_PERCENT';
      if (type !== 'BOUNDED_PERCENT' && type !== 'UNBOUNDED_PERCENT' && type !== 'COUNT')
        throw invalidParameter(`Invalid thresholdConfiguration type: ${show(type)}.`);
      const value = num(t, 'value', 'thresholdConfiguration') ?? 50;
      if (!Number.isInteger(value) || value < 1)
        throw invalidParameter('thresholdConfiguration value must be a positive integer.');
      out.deploymentCircuitBreaker.thresholdConfiguration = { type, value };
    }
  }
  // Newer fields: taken from the request when present, else kept from the service.
  const pick = <K extends keyof DeploymentConfiguration>(key: K): void => {
    if (base?.[key] !== undefined) out[key] = structuredClone(base[key]);
  };
  for (const key of [
    'strategy',
    'bakeTimeInMinutes',
    'lifecycleHooks',
    'linearConfiguration',
    'canaryConfiguration',
    'earlySuccessCriteria',
    'alarms',
  ] as const)
    if (dc[key] === undefined) pick(key);

  if (dc.strategy !== undefined) {
    if (typeof dc.strategy !== 'string' || !STRATEGIES.includes(dc.strategy as DeploymentStrategy))
      throw invalidParameter(`Invalid deployment strategy: ${show(dc.strategy)}.`);
    out.strategy = dc.strategy as DeploymentStrategy;
  }
  const strategy = out.strategy ?? 'ROLLING';
  const bake = num(dc, 'bakeTimeInMinutes', 'deploymentConfiguration');
  if (bake !== undefined) {
    ranged(bake, 0, 1440, 1, 'bakeTimeInMinutes');
    out.bakeTimeInMinutes = bake;
  }
  // Every step configuration given is read and range-checked before any is checked against the
  // strategy, so a bad range is reported first whatever the strategy.
  for (const step of STEP_CONFIGURATIONS) {
    const given = dc[step.key];
    if (!isObject(given)) continue;
    const percent = num(given, step.percent, step.key);
    const bakeTime = num(given, step.bakeTime, step.key);
    ranged(percent, step.minPercent, 100, 0.1, `${step.key}.${step.percent}`);
    ranged(bakeTime, 0, 1440, 1, `${step.key}.${step.bakeTime}`);
    Object.assign(out, {
      [step.key]: {
        ...(percent !== undefined ? { [step.percent]: percent } : {}),
        ...(bakeTime !== undefined ? { [step.bakeTime]: bakeTime } : {}),
      },
    });
  }
  for (const step of STEP_CONFIGURATIONS) {
    if (out[step.key] && strategy !== step.strategy && dc[step.key] !== undefined)
      throw invalidParameter(`${step.key} is only valid when the deployment strategy is ${step.strategy}.`);
  }
  const early = isObject(dc.earlySuccessCriteria) ? dc.earlySuccessCriteria : undefined;
  if (early) {
    // "You can use early success criteria only with rolling deployment strategy."
    if (strategy !== 'ROLLING')
      throw invalidParameter('earlySuccessCriteria can only be used with the ROLLING deployment strategy.');
    const enable = early.enable === true;
    const healthyPercent = num(early, 'healthyPercent', 'earlySuccessCriteria');
    const cleanup = early.sourceServiceRevisionCleanup;
    if (enable && (healthyPercent === undefined || cleanup === undefined))
      throw invalidParameter(
        'healthyPercent and sourceServiceRevisionCleanup must be specified when earlySuccessCriteria is enabled.',
      );
    ranged(healthyPercent, 0, 100, 1, 'earlySuccessCriteria.healthyPercent');
    if (healthyPercent !== undefined && healthyPercent < out.minimumHealthyPercent)
      throw invalidParameter(
        'earlySuccessCriteria.healthyPercent must be greater than or equal to minimumHealthyPercent.',
      );
    if (cleanup !== undefined && cleanup !== 'BLOCKING' && cleanup !== 'DEFERRED')
      throw invalidParameter(`Invalid sourceServiceRevisionCleanup: ${show(cleanup)}.`);
    out.earlySuccessCriteria = {
      enable,
      ...(healthyPercent !== undefined ? { healthyPercent } : {}),
      ...(cleanup !== undefined ? { sourceServiceRevisionCleanup: cleanup } : {}),
    };
  }
  if (Array.isArray(dc.lifecycleHooks)) out.lifecycleHooks = dc.lifecycleHooks.map(readHook);
  if (out.lifecycleHooks && out.lifecycleHooks.length > 0 && !SHIFTING.has(strategy) && dc.lifecycleHooks)
    throw invalidParameter(
      'lifecycleHooks are only valid with the BLUE_GREEN, LINEAR or CANARY deployment strategy.',
    );
  const alarms = isObject(dc.alarms) ? dc.alarms : undefined;
  if (alarms) {
    const names = Array.isArray(alarms.alarmNames)
      ? alarms.alarmNames.filter((n): n is string => typeof n === 'string')
      : [];
    out.alarms = { alarmNames: names, enable: alarms.enable === true, rollback: alarms.rollback === true };
  }
  return out;
}

/** Whether a strategy shifts traffic between revisions (and so runs lifecycle stages). */
export function isShifting(strategy: string | undefined): strategy is 'BLUE_GREEN' | 'LINEAR' | 'CANARY' {
  return strategy !== undefined && SHIFTING.has(strategy);
}
