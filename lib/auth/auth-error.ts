export type AuthErrorCode =
  | "unauthenticated"
  | "session_expired"
  | "forbidden"
  | "graph_unreachable"
  | "claims_challenge"
  | "blocked_by_policy"
  | "consent_required"
  | "portal_misconfigured";

/** What the browser may see besides the code. Nothing here is secret (docs/graph-behaviour.md). */
export type AuthErrorDetails = {
  /** Conditional Access claims challenge, for `acquireTokenRedirect({ claims })`. */
  claims?: string;
  /** The Graph permission the tenant never consented to. */
  permission?: string;
};

/** An expected authentication or authorization failure; the action wrapper turns it into a result. */
export class AuthError extends Error {
  readonly code: AuthErrorCode;
  readonly details: AuthErrorDetails;

  constructor(
    code: AuthErrorCode,
    message: string = code,
    options?: { cause?: unknown; details?: AuthErrorDetails },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AuthError";
    this.code = code;
    this.details = options?.details ?? {};
  }
}
