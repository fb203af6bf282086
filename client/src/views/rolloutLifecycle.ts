/**
 * The rows a blue/green, linear or canary deployment adds to its rollout in the Rollouts view:
 * where it stands (stage, production and test traffic, the linear or canary step, bake time left),
 * a PAUSE hook waiting for you with its Continue action, the lifecycle stages as they passed with
 * their times, and the circuit breaker and alarms as the service deployments API reports them.
 */
import * as vscode from 'vscode';
import type { RolloutState, StageView } from '../aws/deploy/rolloutTypes';
import { ago, localTime, stateLabel } from './format';

/** What a row of the Rollouts view needs (RolloutNode is built by the caller). */
export interface RowFactory<N> {
  leaf(id: string, label: string, description?: string, tooltip?: string, icon?: string): N;
  group(id: string, label: string, children: N[], expanded: boolean): N;
}

const STRATEGY_LABEL: Readonly<Record<string, string>> = {
  BLUE_GREEN: 'Blue/green',
  LINEAR: 'Linear',
  CANARY: 'Canary',
  ROLLING: 'Rolling',
};

/** "2 min 5 s", "40 s". */
function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}` : `${s} s`;
}

/** The one-line progress of a deployment with stages ("Production traffic shift · 50% production · step 1 of 2"). */
export function progressLine(state: RolloutState): string {
  const sd = state.serviceDeployment;
  return [
    state.stage ? stateLabel(state.stage) : stateLabel(sd?.status),
    state.trafficPercent !== undefined ? `${state.trafficPercent}% production` : '',
    state.testTrafficPercent !== undefined ? `${state.testTrafficPercent}% test` : '',
    sd?.step?.label ?? '',
    state.bakeRemainingMs !== undefined ? `bake ${duration(state.bakeRemainingMs)} left` : '',
  ]
    .filter(Boolean)
    .join(' · ');
}

function stageRow<N>(
  f: RowFactory<N>,
  key: string,
  s: StageView,
  current: boolean,
  now: number,
  endedAt: Date | undefined,
): N {
  // The last stage of an ended deployment lasted until the end.
  const left = s.leftAt ?? (current ? undefined : endedAt);
  const description = !s.observed
    ? 'passed between two polls'
    : current
      ? `since ${ago(s.enteredAt, now).replace(/ ago$/, '')}`.replace('since just now', 'just now')
      : s.enteredAt && left
        ? duration(left.getTime() - s.enteredAt.getTime())
        : 'seen';
  const tooltip = [
    s.stage,
    s.enteredAt ? `Entered ${localTime(s.enteredAt)}` : 'Not seen while in progress',
    s.leftAt ? `Left ${localTime(s.leftAt)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return f.leaf(
    `${key}/stage:${s.stage}`,
    stateLabel(s.stage),
    description,
    tooltip,
    current ? 'sync~spin' : 'pass',
  );
}

/** The lifecycle rows of a rollout; none for a rolling update without stages. */
export function lifecycleRows<N>(
  f: RowFactory<N>,
  key: string,
  state: RolloutState,
  ended: boolean,
  now: number = Date.now(),
): N[] {
  const sd = state.serviceDeployment;
  if (!sd || (sd.stages.length === 0 && !sd.pausedHook)) return [];
  const rows: N[] = [];
  rows.push(
    f.leaf(
      `${key}/progress`,
      `${STRATEGY_LABEL[sd.strategy] ?? stateLabel(sd.strategy)} · ${stateLabel(sd.status)}`,
      progressLine(state),
      [
        sd.arn,
        sd.statusReason ?? '',
        sd.trafficSteps.length ? `Traffic steps seen: ${sd.trafficSteps.join('% → ')}%` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      'arrow-swap',
    ),
  );
  if (sd.pausedHook && !ended) {
    const hook = sd.pausedHook;
    rows.push(
      f.leaf(
        `${key}/paused`,
        `Paused at ${stateLabel(state.stage ?? '')}: Continue Deployment`,
        hook.expiresAt ? `times out ${localTime(hook.expiresAt)}` : 'waiting for you',
        `A PAUSE lifecycle hook (${hook.hookId}) waits for ContinueServiceDeployment.${hook.timeoutAction ? `\nUnanswered: ${hook.timeoutAction}.` : ''}\nClick to continue (you are asked to confirm).`,
        'debug-pause',
      ),
    );
  }
  const current = ended ? undefined : sd.stages.at(-1)?.stage;
  rows.push(
    f.group(
      `${key}/lifecycle`,
      'Lifecycle stages',
      sd.stages.map((s) => stageRow(f, key, s, s.stage === current, now, state.endedAt)),
      !ended,
    ),
  );
  if (sd.circuitBreaker && sd.circuitBreaker.status !== 'DISABLED')
    rows.push(
      f.leaf(
        `${key}/circuitBreaker`,
        `Circuit breaker: ${stateLabel(sd.circuitBreaker.status)}`,
        `${sd.circuitBreaker.failureCount}/${sd.circuitBreaker.threshold} failed tasks`,
        undefined,
        'circuit-board',
      ),
    );
  if (sd.alarms && sd.alarms.alarmNames.length > 0)
    rows.push(
      f.leaf(
        `${key}/alarms`,
        `Alarms: ${stateLabel(sd.alarms.status)}`,
        sd.alarms.triggeredAlarmNames.length
          ? `triggered: ${sd.alarms.triggeredAlarmNames.join(', ')}`
          : sd.alarms.alarmNames.join(', '),
        undefined,
        'bell',
      ),
    );
  return rows;
}

/** The command a paused-hook row runs: Continue Deployment on its rollout. */
export function continueCommand(root: unknown): vscode.Command {
  return { title: 'Continue Deployment', command: 'ecsWorkbench.continueDeployment', arguments: [root] };
}
