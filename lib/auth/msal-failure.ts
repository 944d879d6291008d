import { logger } from "@/lib/observability/logger";
import { AuthError } from "./auth-error";

const SESSION_EXPIRED_CODES = new Set([
  "invalid_grant",
  "interaction_required",
  "login_required",
  "bad_token",
  "interrupted_user",
]);

const UNREACHABLE_CODES = new Set([
  "network_error",
  "no_network_connectivity",
  "endpoints_resolution_error",
  "openid_config_error",
  "temporarily_unavailable",
]);

// AADSTS codes that mean the portal's own credential is wrong, expired or not registered
// (docs/graph-behaviour.md): signing the person in again cannot help, an administrator must act.
const CREDENTIAL_ERRORS = new Set([
  7000215, 7000222, 700027, 700021, 700023, 700024, 70025, 700211, 700212, 700213, 70021, 50027,
  700016,
]);
const BLOCKED_BY_POLICY = 53003;
const CONSENT_REQUIRED = 65001;

type MsalFailure = {
  errorCode: string;
  subError?: string;
  errorMessage?: string;
  errorNo?: string | number;
  claims?: string;
};

// Duck-typed: msal-node's error classes come from msal-common, which a bundler may load twice.
function isMsalFailure(error: unknown): error is MsalFailure {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as MsalFailure).errorCode === "string"
  );
}

/** Entra's first error code: msal keeps `error_codes[0]` as errorNo; the description says AADSTSnnnn. */
function aadstsOf(error: MsalFailure): number | undefined {
  const number = Number(error.errorNo);
  if (error.errorNo !== undefined && Number.isInteger(number)) return number;
  const match = /AADSTS(\d+)/.exec(error.errorMessage ?? "");
  return match ? Number(match[1]) : undefined;
}

const loggedCredentialErrors = new Set<number | string>();

/** Once per process and code: the log is for the administrator, who needs it once, not per request. */
function logCredentialFailureOnce(code: number | undefined, error: MsalFailure): void {
  const key = code ?? error.errorCode;
  if (loggedCredentialErrors.has(key)) return;
  loggedCredentialErrors.add(key);
  // The code and what to check, never the error itself: its message and claims are Entra's to word.
  logger().error(
    { aadsts: code, errorCode: error.errorCode },
    `The identity platform refused the portal's own credential (${
      code ? `AADSTS${code}` : error.errorCode
    }). Check ENTRA_CLIENT_SECRET, ENTRA_CLIENT_CERTIFICATE_PATH or the federated token file: ` +
      "expired, wrong or not registered on the app registration (docs/app-registration.md).",
  );
}

/**
 * Translates msal-node failures into the portal's error codes; unknown failures are returned as they are.
 * `permission` is the Graph permission that was asked for, named when consent is missing.
 */
export function mapMsalError(error: unknown, permission?: string): unknown {
  if (!isMsalFailure(error)) return error;
  const code = aadstsOf(error);
  // 53003 carries claims too, but no sign-in satisfies it: it must not become a challenge (no loop).
  if (code === BLOCKED_BY_POLICY) {
    return new AuthError("blocked_by_policy", "Conditional Access blocks this sign-in", {
      cause: error,
    });
  }
  // Missing admin consent arrives as invalid_grant with suberror consent_required: signing in again would not help.
  if (
    code === CONSENT_REQUIRED ||
    error.errorCode === "consent_required" ||
    error.subError === "consent_required"
  ) {
    return new AuthError("consent_required", "The portal lacks consent for a Graph permission", {
      cause: error,
      ...(permission ? { details: { permission } } : {}),
    });
  }
  if (error.claims) {
    return new AuthError("claims_challenge", "Conditional Access asks for a stronger sign-in", {
      cause: error,
      details: { claims: error.claims },
    });
  }
  if (error.errorCode === "invalid_client" || (code !== undefined && CREDENTIAL_ERRORS.has(code))) {
    logCredentialFailureOnce(code, error);
    return new AuthError("portal_misconfigured", "The portal's credential was refused", {
      cause: error,
    });
  }
  if (SESSION_EXPIRED_CODES.has(error.errorCode)) {
    return new AuthError("session_expired", "The on-behalf-of exchange was refused", {
      cause: error,
    });
  }
  if (UNREACHABLE_CODES.has(error.errorCode)) {
    return new AuthError("graph_unreachable", "The identity platform could not be reached", {
      cause: error,
    });
  }
  return error;
}
