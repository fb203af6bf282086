import { ApiError } from './errors';

/**
 * SigV4 as the SDK sends it: `AWS4-HMAC-SHA256 Credential=AKID/date/region/service/aws4_request,
 * SignedHeaders=..., Signature=...`. Any credentials pass and the signature is not verified, but the
 * header must be well formed and scoped to the service the request is for (`signingName`) and to
 * the emulator's Region.
 */
export function checkAuthorization(
  header: string | undefined,
  signingName: string,
  region?: string,
): ApiError | undefined {
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
  // The emulator is one regional endpoint, like `ecs.us-east-1.amazonaws.com`: AWS's regional
  // endpoints refuse a signature scoped to another Region ("Credential should be scoped to a valid
  // region"), so a client configured for another Region fails here as it would against AWS instead
  // of silently reading us-east-1's state. (One state per Region would hide that mistake.)
  if (region !== undefined && m[3] !== region) {
    return new ApiError(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region, not '${m[3] ?? ''}'. `,
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
