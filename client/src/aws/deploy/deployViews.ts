/** How the deploy API reports failures and shapes services: failure mapping, service views, accounts. */
import { toGatewayError } from '../errors';
import type { Connection, GatewayError } from '../gateway';
import type { TargetService } from './targetCheck';
import type { DeploymentView, Failure, ServiceView } from './types';

/** A service deployment (ListServiceDeployments) in the state StopServiceDeployment can act on. */
export interface ServiceDeploymentRef {
  arn: string;
  status: string;
  targetRevisionArn?: string;
}

export interface UpdateServiceRequest {
  cluster: string;
  service: string;
  taskDefinition?: string;
  forceNewDeployment?: boolean;
  desiredCount?: number;
  /** Turns ECS Exec on (or off) for tasks the service starts from now on. */
  enableExecuteCommand?: boolean;
}

/** The IAM action named by an AccessDenied message ("... not authorized to perform: ecs:UpdateService ..."). */
function missingPermission(detail: string, operation: string): string {
  return /perform:?\s+([a-z0-9-]+:[A-Za-z0-9]+)/i.exec(detail)?.[1] ?? `ecs:${operation}`;
}

const SERVER_ERRORS =
  /^(ServerException|InternalFailure|InternalError|ServiceUnavailable\w*|ServiceException)\b/;

/**
 * A deploy failure from the data layer's error value: its kind, a message for deploy commands
 * (the explorer's wording speaks of refreshing), and whether the request may have been applied.
 */
export function fromGatewayError(error: GatewayError, operation: string): Failure {
  const name = error.detail.split(':')[0]?.trim() ?? '';
  const text = error.detail.slice(name.length + 1).trim();
  switch (error.kind) {
    case 'Throttled':
      return {
        kind: 'throttled',
        code: name,
        message: `ECS throttled ${operation}. Try again in a few seconds.`,
      };
    case 'AccessDenied': {
      const permission = missingPermission(error.detail, operation);
      return {
        kind: 'accessDenied',
        code: name,
        message: `Access denied: the credentials lack ${permission}. Ask your administrator for ${permission}, or switch profile.`,
      };
    }
    case 'ExpiredToken':
    case 'NoCredentials':
      return { kind: 'expiredToken', code: name, message: error.message };
    case 'NotFound':
      return { kind: 'notFound', code: name, message: `${operation}: ${text || name}.` };
    case 'Network':
      // A refused connection never reached AWS; a reset, a timeout or an abort may have been applied.
      return {
        kind: 'network',
        code: name,
        ambiguous: !/ECONNREFUSED/.test(error.detail),
        message: error.message,
      };
    default:
      break;
  }
  if (name === 'ServiceNotActiveException') {
    return {
      kind: 'notFound',
      code: name,
      message: `The service is not active (deleted or draining): ${text}`,
    };
  }
  if (name === 'UpdateInProgressException' || /in progress/i.test(text)) {
    return {
      kind: 'conflict',
      code: name,
      message: `Another deployment or update of this service is in progress (${text}). Wait for it to finish, then try again.`,
    };
  }
  if (
    name === 'ClientException' ||
    name === 'InvalidParameterException' ||
    name === 'PlatformUnknownException'
  ) {
    return { kind: 'invalid', code: name, message: `ECS rejected ${operation}: ${text}` };
  }
  if (SERVER_ERRORS.test(name) || /\b5\d\d\b/.test(name)) {
    return {
      kind: 'serverError',
      code: name,
      ambiguous: true,
      message: `ECS failed to answer ${operation} (${error.detail}).`,
    };
  }
  return { kind: 'unknown', code: name, message: `${operation} failed: ${error.detail}` };
}

/** A failure value from whatever a request threw. */
export function toFailure(error: unknown, c: Connection, operation: string): Failure {
  return fromGatewayError(toGatewayError(error, c, operation), operation);
}

const num = (v: number | undefined): number => v ?? 0;

/** Maps a DescribeServices service to the view a rollout is made of. */
export function toServiceView(s: {
  serviceName?: string;
  serviceArn?: string;
  clusterArn?: string;
  status?: string;
  taskDefinition?: string;
  desiredCount?: number;
  runningCount?: number;
  pendingCount?: number;
  deployments?: {
    id?: string;
    status?: string;
    taskDefinition?: string;
    desiredCount?: number;
    pendingCount?: number;
    runningCount?: number;
    failedTasks?: number;
    rolloutState?: string;
    rolloutStateReason?: string;
    createdAt?: Date;
    updatedAt?: Date;
  }[];
  events?: { id?: string; createdAt?: Date; message?: string }[];
  deploymentController?: { type?: string };
  deploymentConfiguration?: {
    deploymentCircuitBreaker?: { enable?: boolean; rollback?: boolean };
    strategy?: string;
  };
  launchType?: string;
  capacityProviderStrategy?: { capacityProvider?: string }[];
  networkConfiguration?: { awsvpcConfiguration?: unknown };
  loadBalancers?: { containerName?: string; containerPort?: number; targetGroupArn?: string }[];
}): ServiceView {
  const breaker = s.deploymentConfiguration?.deploymentCircuitBreaker;
  const primary = (s.deployments ?? []).find((d) => d.status === 'PRIMARY') as
    { serviceConnectConfiguration?: { enabled?: boolean; services?: { portName?: string }[] } } | undefined;
  const target: TargetService = {
    ...(s.launchType ? { launchType: s.launchType } : {}),
    ...(s.capacityProviderStrategy?.length ? { capacityProviderStrategy: s.capacityProviderStrategy } : {}),
    ...(s.networkConfiguration ? { networkConfiguration: s.networkConfiguration } : {}),
    ...(s.loadBalancers?.length ? { loadBalancers: s.loadBalancers } : {}),
    ...(primary?.serviceConnectConfiguration ? { serviceConnect: primary.serviceConnectConfiguration } : {}),
  };
  return {
    ...(s.deploymentConfiguration?.strategy ? { strategy: s.deploymentConfiguration.strategy } : {}),
    serviceName: s.serviceName ?? '',
    serviceArn: s.serviceArn ?? '',
    clusterArn: s.clusterArn ?? '',
    status: s.status ?? 'UNKNOWN',
    taskDefinition: s.taskDefinition ?? '',
    desiredCount: num(s.desiredCount),
    runningCount: num(s.runningCount),
    pendingCount: num(s.pendingCount),
    deployments: (s.deployments ?? []).map((d): DeploymentView => ({
      id: d.id ?? '',
      status: d.status ?? 'UNKNOWN',
      taskDefinition: d.taskDefinition ?? '',
      desiredCount: num(d.desiredCount),
      pendingCount: num(d.pendingCount),
      runningCount: num(d.runningCount),
      failedTasks: num(d.failedTasks),
      ...(d.rolloutState ? { rolloutState: d.rolloutState } : {}),
      ...(d.rolloutStateReason ? { rolloutStateReason: d.rolloutStateReason } : {}),
      ...(d.createdAt ? { createdAt: d.createdAt } : {}),
      ...(d.updatedAt ? { updatedAt: d.updatedAt } : {}),
    })),
    events: (s.events ?? []).map((e) => ({
      id: e.id ?? '',
      message: e.message ?? '',
      ...(e.createdAt ? { createdAt: e.createdAt } : {}),
    })),
    deploymentController: s.deploymentController?.type ?? 'ECS',
    ...(Object.keys(target).length > 0 ? { target } : {}),
    ...(breaker
      ? { circuitBreaker: { enable: breaker.enable === true, rollback: breaker.rollback === true } }
      : {}),
  };
}

/** The account id in an ARN (`arn:aws:ecs:REGION:ACCOUNT:...`). */
export function accountOf(arn: string): string | undefined {
  return /^arn:[^:]+:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

/** Deploy calls against one connection, through the shared gateway (clients, limiter) and writes. */
