/**
 * An error the emulator answers with, in the AWS JSON 1.1 shape: HTTP status plus a body
 * `{"__type": type, "message": message}`. The SDK maps `__type` to its typed exception classes
 * (ClusterNotFoundException, ResourceNotFoundException...), so `type` must be a shape name of the
 * service model, or a common AWS error name (ThrottlingException, AccessDeniedException...).
 */
export class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }
}

/** ECS's generic "your request is wrong" error (HTTP 400). */
export const clientException = (message: string): ApiError => new ApiError('ClientException', message);
/** A parameter has a value ECS rejects (HTTP 400). */
export const invalidParameter = (message: string): ApiError =>
  new ApiError('InvalidParameterException', message);
/** The cluster named by a request does not exist. */
export const clusterNotFound = (): ApiError => new ApiError('ClusterNotFoundException', 'Cluster not found.');
/** The service named by a request does not exist in the cluster. */
export const serviceNotFound = (): ApiError => new ApiError('ServiceNotFoundException', 'Service not found.');
/** A CloudWatch Logs resource (group, stream) does not exist. */
export const resourceNotFound = (message: string): ApiError =>
  new ApiError('ResourceNotFoundException', message);
