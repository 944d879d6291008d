import { randomUUID } from "node:crypto";

/** An error in Entra's OAuth shape: `error`, `error_description` starting with `AADSTSnnnn:`, `error_codes`. */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly aadstsCode: number,
    readonly description: string,
    readonly status: number = 400,
    readonly suberror?: string,
    /** A claims challenge (JSON text) the client must send back on its next sign-in. */
    readonly claims?: string,
  ) {
    super(`AADSTS${aadstsCode}: ${description}`);
    this.name = "OAuthError";
  }
}

/** Entra's timestamp format in error descriptions: `2024-01-31 12:34:56Z`. */
function entraTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")}Z`;
}

export type OAuthErrorBody = {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  error_uri: string;
  suberror?: string;
  claims?: string;
};

export function oauthErrorBody(
  failure: OAuthError,
  correlationId: string = randomUUID(),
): OAuthErrorBody {
  const now = new Date();
  const traceId = randomUUID();
  const timestamp = entraTimestamp(now);
  return {
    error: failure.error,
    error_description: `AADSTS${failure.aadstsCode}: ${failure.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [failure.aadstsCode],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${failure.aadstsCode}`,
    ...(failure.suberror ? { suberror: failure.suberror } : {}),
    ...(failure.claims ? { claims: failure.claims } : {}),
  };
}

export const oauthErrors = {
  missingParameter: (name: string) =>
    new OAuthError(
      "invalid_request",
      900144,
      `The request body must contain the following parameter: '${name}'.`,
    ),
  unsupportedGrantType: (grantType: string) =>
    new OAuthError(
      "unsupported_grant_type",
      70003,
      `The app requested an unsupported grant type '${grantType}'.`,
    ),
  unknownClient: (clientId: string, tenantId: string) =>
    new OAuthError(
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  invalidClientSecret: (clientId: string) =>
    new OAuthError(
      "invalid_client",
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
      401,
    ),
  missingClientCredential: () =>
    new OAuthError(
      "invalid_client",
      7000218,
      "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.",
      401,
    ),
  invalidCode: () =>
    new OAuthError("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid."),
  codeAlreadyRedeemed: () =>
    new OAuthError(
      "invalid_grant",
      54005,
      "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
    ),
  expiredGrant: () =>
    new OAuthError(
      "invalid_grant",
      70008,
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
      400,
      "bad_token",
    ),
  revokedGrant: () =>
    new OAuthError(
      "invalid_grant",
      50173,
      "The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password.",
      400,
      "bad_token",
    ),
  pkceMismatch: () =>
    new OAuthError(
      "invalid_grant",
      501481,
      "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
    ),
  redirectUriMismatch: () =>
    new OAuthError(
      "invalid_grant",
      500112,
      "The reply address does not match the reply address provided when requesting Authorization code.",
    ),
  invalidScope: (scope: string) =>
    new OAuthError(
      "invalid_scope",
      70011,
      `The provided request must include a 'scope' input parameter. The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`,
    ),
  multipleResources: () =>
    new OAuthError(
      "invalid_scope",
      28000,
      "Provided value for the input parameter scope is not valid because it contains more than one resource. Scope openid profile offline_access is not valid.",
    ),
  consentRequired: (clientId: string, appName: string) =>
    new OAuthError(
      "invalid_grant",
      65001,
      `The user or administrator has not consented to use the application with ID '${clientId}' named '${appName}'. Send an interactive authorization request for this user and resource.`,
      400,
      "consent_required",
    ),
  malformedAssertion: () =>
    new OAuthError("invalid_request", 50027, "JWT token is invalid or malformed."),
  assertionSignature: () =>
    new OAuthError("invalid_grant", 50013, "Assertion failed signature validation."),
  assertionAudience: () =>
    new OAuthError(
      "invalid_grant",
      50013,
      "Assertion audience claim does not match the required value.",
    ),
  assertionExpired: () =>
    new OAuthError(
      "invalid_grant",
      500133,
      "Assertion is not within its valid time range. Ensure that the access token is not expired before using it for user assertion, or request a new token.",
    ),
  unknownUser: () =>
    new OAuthError(
      "invalid_grant",
      50034,
      "The user account does not exist in this directory.",
      400,
      "bad_token",
    ),
  invalidRequest: (description: string) => new OAuthError("invalid_request", 90014, description),
};
