/** The portal's error codes a Graph call can end in (docs/architecture.md). */
export type GraphFailureCode =
  | "session_expired"
  | "forbidden"
  | "invitations_restricted"
  | "member_exists"
  | "domain_blocked"
  | "email_mismatch"
  | "throttled"
  | "graph_unreachable"
  | "graph_error";

/** A Graph call that failed after retries, classified; carries Graph's request-id for support. */
export class GraphFailure extends Error {
  readonly code: GraphFailureCode;
  readonly status?: number;
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;

  constructor(
    code: GraphFailureCode,
    details: { message?: string; status?: number; requestId?: string; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(details.message ?? code, { cause: details.cause });
    this.name = "GraphFailure";
    this.code = code;
    if (details.status !== undefined) this.status = details.status;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
  }
}
