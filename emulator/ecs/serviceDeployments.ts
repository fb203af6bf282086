import type { Handler, HandlerContext } from '../context';
import { ApiError, invalidParameter, serviceNotFound } from '../protocol/errors';
import type { DeploymentRecord, JsonObject, ServiceRecord } from '../model';
import { paginate } from '../protocol/pagination';
import { compact, isObject, optString, optStringArray, reqString, secs } from '../protocol/params';
import { describeEach } from './describe';
import { circuitBreakerFailures, circuitBreakerThreshold } from './sim/circuitBreaker';
import { lifecycleDone, stageOf } from './sim/lifecycle';

/**
 * ListServiceDeployments, DescribeServiceDeployments, StopServiceDeployment,
 * ContinueServiceDeployment.
 */

/**
 * A ServiceRevisionSummary. `traffic` (the new revision's share, for shifting strategies) adds
 * requestedProductionTrafficWeight / requestedTestTrafficWeight, "a snapshot of the traffic
 * distribution" (API reference).
 */
function revisionSummary(d: DeploymentRecord, traffic?: { production: number; test: number }): JsonObject {
  const live = d.status !== 'INACTIVE';
  return {
    arn: d.serviceRevisionArn,
    requestedTaskCount: live ? d.desiredCount : 0,
    runningTaskCount: live ? d.runningCount : 0,
    pendingTaskCount: live ? d.pendingCount : 0,
    ...(traffic
      ? { requestedProductionTrafficWeight: traffic.production, requestedTestTrafficWeight: traffic.test }
      : {}),
  };
}

/** Service deployments: rollback deployments are part of the deployment they roll back. */
function visible(service: ServiceRecord): DeploymentRecord[] {
  return service.history.filter((d) => d.rollbackOf === undefined);
}

function briefView(service: ServiceRecord, d: DeploymentRecord): Record<string, unknown> {
  return compact({
    serviceDeploymentArn: d.serviceDeploymentArn,
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    startedAt: secs(d.startedAt),
    createdAt: secs(d.createdAt),
    finishedAt: secs(d.finishedAt),
    targetServiceRevisionArn: d.serviceRevisionArn,
    status: d.sdStatus,
    statusReason: d.sdStatusReason,
  });
}

function fullView(service: ServiceRecord, d: DeploymentRecord): Record<string, unknown> {
  const cb = d.deploymentConfiguration.deploymentCircuitBreaker;
  const threshold = circuitBreakerThreshold(d.deploymentConfiguration, service.desiredCount);
  const rb = d.rollback;
  const lc = d.lifecycle;
  const green = lc ? { production: lc.productionTraffic, test: lc.testTraffic } : undefined;
  const blue = lc ? { production: 100 - lc.productionTraffic, test: 100 - lc.testTraffic } : undefined;
  const alarms = d.deploymentConfiguration.alarms;
  return compact({
    serviceDeploymentArn: d.serviceDeploymentArn,
    serviceArn: service.arn,
    clusterArn: service.clusterArn,
    createdAt: secs(d.createdAt),
    startedAt: secs(d.startedAt),
    finishedAt: secs(d.finishedAt),
    stoppedAt: secs(d.stoppedAt),
    updatedAt: secs(d.updatedAt),
    sourceServiceRevisions: d.sourceServiceRevisionArns.map((arn) => {
      const source = service.history.find((x) => x.serviceRevisionArn === arn);
      return source
        ? revisionSummary(source, blue)
        : { arn, requestedTaskCount: 0, runningTaskCount: 0, pendingTaskCount: 0 };
    }),
    targetServiceRevision: revisionSummary(d, green),
    status: d.sdStatus,
    statusReason: d.sdStatusReason,
    lifecycleStage: lc ? (lifecycleDone(lc) ? 'CLEAN_UP' : stageOf(lc)) : undefined,
    lifecycleHookDetails: lc
      ? lc.hooks.map((h) =>
          compact({
            hookId: h.hookId,
            targetType: h.targetType,
            targetArn: h.targetArn,
            status: h.status,
            expiresAt: secs(h.expiresAt),
            timeoutAction: h.timeoutAction,
          }),
        )
      : undefined,
    deploymentConfiguration: d.deploymentConfiguration as unknown as JsonObject,
    rollback: rb
      ? { reason: rb.reason, startedAt: secs(rb.startedAt) ?? 0, serviceRevisionArn: rb.serviceRevisionArn }
      : undefined,
    deploymentCircuitBreaker: cb.enable
      ? {
          status:
            d.rolloutState === 'FAILED'
              ? 'TRIGGERED'
              : d.rolloutState === 'COMPLETED'
                ? 'MONITORING_COMPLETE'
                : 'MONITORING',
          failureCount: circuitBreakerFailures(d),
          threshold,
        }
      : { status: 'DISABLED', failureCount: 0, threshold },
    // The emulator has no CloudWatch: configured alarms are monitored and never go to ALARM.
    alarms: alarms?.enable
      ? {
          status: d.sdStatus === 'IN_PROGRESS' ? 'MONITORING' : 'MONITORING_COMPLETE',
          alarmNames: alarms.alarmNames,
          triggeredAlarmNames: [],
        }
      : alarms
        ? { status: 'DISABLED' }
        : undefined,
  });
}

function findDeployment(
  ctx: HandlerContext,
  arn: string,
): { service: ServiceRecord; deployment: DeploymentRecord } | undefined {
  for (const service of ctx.state.services.values()) {
    for (const d of visible(service)) if (d.serviceDeploymentArn === arn) return { service, deployment: d };
  }
  return undefined;
}

const listServiceDeployments: Handler = (ctx, p) => {
  const cluster = ctx.state.requireCluster(optString(p, 'cluster'));
  const service = ctx.state.lookupService(cluster, reqString(p, 'service'));
  if (!service) throw serviceNotFound();
  const statuses = optStringArray(p, 'status');
  const createdAt = isObject(p.createdAt) ? p.createdAt : {};
  const before = typeof createdAt.before === 'number' ? createdAt.before * 1000 : Infinity;
  const after = typeof createdAt.after === 'number' ? createdAt.after * 1000 : -Infinity;
  const items = visible(service).filter(
    (d) => (!statuses || statuses.includes(d.sdStatus)) && d.createdAt <= before && d.createdAt >= after,
  );
  const page = paginate(items, p.maxResults, p.nextToken, { defaultSize: 20, maxSize: 100 });
  return {
    serviceDeployments: page.items.map((d) => briefView(service, d)),
    ...(page.nextToken ? { nextToken: page.nextToken } : {}),
  };
};

const describeServiceDeployments: Handler = (ctx, p) => {
  const arns = optStringArray(p, 'serviceDeploymentArns');
  if (!arns || arns.length === 0) throw invalidParameter('serviceDeploymentArns cannot be empty.');
  if (arns.length > 20) throw invalidParameter('serviceDeploymentArns can have at most 20 items.');
  const { found: serviceDeployments, failures } = describeEach(
    arns,
    (arn) => findDeployment(ctx, arn),
    (found) => fullView(found.service, found.deployment),
    (arn) => arn,
  );
  return { serviceDeployments, failures };
};

const stopServiceDeployment: Handler = (ctx, p) => {
  const arn = reqString(p, 'serviceDeploymentArn');
  const stopType = optString(p, 'stopType') ?? 'ROLLBACK';
  if (stopType !== 'ROLLBACK' && stopType !== 'ABORT')
    throw invalidParameter(`Invalid stopType: ${stopType}.`);
  const found = findDeployment(ctx, arn);
  if (!found)
    throw new ApiError('ServiceDeploymentNotFoundException', 'The service deployment does not exist.');
  const { service, deployment } = found;
  // "Stopping Amazon ECS service deployments" (developer guide): a deployment that is already
  // rolling back (ROLLBACK_REQUESTED / ROLLBACK_IN_PROGRESS) or stopping (STOP_REQUESTED) just
  // continues; PENDING and IN_PROGRESS ones can be stopped; finished ones cannot.
  if (['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'STOP_REQUESTED'].includes(deployment.sdStatus))
    return { serviceDeploymentArn: deployment.serviceDeploymentArn };
  if (deployment.status !== 'PRIMARY' || deployment.sdStatus !== 'IN_PROGRESS') {
    throw new ApiError(
      'ConflictException',
      'The service deployment is not in progress and cannot be stopped.',
    );
  }
  if (stopType === 'ROLLBACK') {
    // ROLLBACK "rolls back the service deployment to the previous service revision" (API reference,
    // StopServiceDeployment) — the revision the deployment started from, whether or not its own
    // deployment ever COMPLETED. Without one the request fails and nothing changes.
    const index = service.history.indexOf(deployment);
    const previous = service.history[index + 1];
    if (!previous) {
      throw invalidParameter(
        'The service deployment cannot be rolled back: the service has no previous service revision.',
      );
    }
    const rb = ctx.engine.rollBack(
      service,
      deployment,
      'Service deployment rollback requested by user.',
      previous,
    );
    if (!rb) throw invalidParameter('The service deployment cannot be rolled back.');
    deployment.rolloutState = 'FAILED';
    deployment.rolloutStateReason = 'Service deployment rollback requested.';
  } else {
    deployment.halted = true;
    deployment.sdStatus = 'STOPPED';
    deployment.sdStatusReason = 'Service deployment stopped by user.';
    deployment.stoppedAt = ctx.clock.now();
  }
  return { serviceDeploymentArn: deployment.serviceDeploymentArn };
};

/**
 * ContinueServiceDeployment (API reference): `serviceDeploymentArn`, `hookId` (from
 * DescribeServiceDeployments' lifecycleHookDetails) and `action` CONTINUE (default) or ROLLBACK. "The
 * pause hook must be in AWAITING_ACTION status" and the deployment IN_PROGRESS ("Continuing service
 * deployments", developer guide).
 */
const continueServiceDeployment: Handler = (ctx, p) => {
  const arn = reqString(p, 'serviceDeploymentArn');
  const hookId = reqString(p, 'hookId');
  const action = optString(p, 'action') ?? 'CONTINUE';
  if (action !== 'CONTINUE' && action !== 'ROLLBACK') throw invalidParameter(`Invalid action: ${action}.`);
  const found = findDeployment(ctx, arn);
  if (!found)
    throw new ApiError('ServiceDeploymentNotFoundException', 'The service deployment does not exist.');
  const { service, deployment } = found;
  if (deployment.sdStatus !== 'IN_PROGRESS' || deployment.status !== 'PRIMARY')
    throw invalidParameter('The service deployment is not IN_PROGRESS.');
  const problem = ctx.engine.lifecycle.answer(service, deployment, hookId, action);
  if (problem) throw invalidParameter(problem);
  return { serviceDeploymentArn: deployment.serviceDeploymentArn };
};

export const serviceDeploymentHandlers: Record<string, Handler> = {
  ContinueServiceDeployment: continueServiceDeployment,
  ListServiceDeployments: listServiceDeployments,
  DescribeServiceDeployments: describeServiceDeployments,
  StopServiceDeployment: stopServiceDeployment,
};
