/**
 * UpdateService with an honest outcome. A write whose answer never came (reset connection,
 * timeout, 5xx after the request was sent) may or may not have been applied; the service is read
 * back (DescribeServices) and the outcome says what is true now, or, when even that cannot be
 * read, that the change may have been applied.
 */
import type { UpdateServiceRequest } from './deployViews';
import type { Failure, Result, ServiceView } from './types';

export interface UpdateTarget {
  updateService(request: UpdateServiceRequest): Promise<Result<ServiceView>>;
  describeService(cluster: string, service: string): Promise<Result<ServiceView>>;
}

export type UpdateOutcome =
  /** The change is in effect: ECS answered, or the read-back shows it (`readBack`). */
  | { kind: 'applied'; service: ServiceView; readBack: boolean; failure?: Failure }
  /** ECS refused it (nothing happened), or the read-back shows it was not applied. */
  | { kind: 'notApplied'; failure: Failure; service?: ServiceView }
  /** Nobody can tell: the answer was lost and the service could not be read. */
  | { kind: 'unknown'; failure: Failure; readFailure: Failure };

/** A failure after which the request may have been applied (it was sent; the answer never came). */
export function outcomeUnknown(failure: Failure): boolean {
  return failure.ambiguous === true;
}

/**
 * Sends `request`; when its outcome is unclear, reads the service back and decides with
 * `applied(service)` whether the change took effect.
 */
export async function updateServiceAndReadBack(
  target: UpdateTarget,
  request: UpdateServiceRequest,
  applied: (service: ServiceView) => boolean,
): Promise<UpdateOutcome> {
  const result = await target.updateService(request);
  if (result.ok) return { kind: 'applied', service: result.value, readBack: false };
  if (!outcomeUnknown(result.error)) return { kind: 'notApplied', failure: result.error };
  const now = await target.describeService(request.cluster, request.service);
  if (!now.ok) return { kind: 'unknown', failure: result.error, readFailure: now.error };
  return applied(now.value)
    ? { kind: 'applied', service: now.value, readBack: true, failure: result.error }
    : { kind: 'notApplied', failure: result.error, service: now.value };
}
