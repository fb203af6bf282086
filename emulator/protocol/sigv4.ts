import { ApiError } from './errors';

/**
 * SigV4 as the SDK sends it: `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request,
 * SignedHeaders=..., Signature=...`. Any credentials pass and the signature is not verified, but the
 * header must be well formed and scoped to the service the request is for (`signingName`).
 */
export function checkAuthorization(header: string | undefined, signingName: string): ApiError | undefined {
  if (header === undefined || header === '') {
    return new ApiError('MissingAuthenticationTokenException', 'Missing Authentication Token', 400);
  }
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
      header.trim(),
    );
  if (!m) {
    return new ApiError(
      'IncompleteSignatureException',
      'Authorization header requires Credential, SignedHeaders and Signature parameters (AWS Signature Version 4).',
      400,
    );
  }
  if (m[4] !== signingName) {
    return new ApiError(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${signingName}'.`,
      400,
    );
  }
  return undefined;
}
