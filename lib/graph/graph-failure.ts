/**
 * The portal's error codes a Graph call can end in (docs/architecture.md). Each is also an action error
 * code: lib/server-action/action-result.ts builds its list from this one.
 */
export const GRAPH_FAILURE_CODES = [
  "session_expired",
  "forbidden",
  "invitations_restricted",
  "member_exists",
  "domain_blocked",
  "email_mismatch",
  "throttled",
  "graph_unreachable",
  "graph_error",
  /** Graph's answer was lost, and asking Graph showed the invitation was not made: safe to send again. */
  "not_sent",
  /** Graph's answer was lost, and the directory cannot tell whether it acted (lib/invitations/settle-outcome.ts). */
  "outcome_unknown",
] as const;

export type GraphFailureCode = (typeof GRAPH_FAILURE_CODES)[number];

/** A Graph call that failed after retries, classified; carries Graph's request-id for support. */
export class GraphFailure extends Error {
  readonly code: GraphFailureCode;
  readonly status?: number;
  readonly requestId?: string;
  readonly retryAfterSeconds?: number;
  /** Graph's own error code, e.g. Authorization_RequestDenied. */
  readonly graphCode?: string;

  constructor(
    code: GraphFailureCode,
    details: {
      message?: string;
      status?: number;
      graphCode?: string;
      requestId?: string;
      retryAfterSeconds?: number;
    } = {},
  ) {
    super(details.message ?? code);
    this.name = "GraphFailure";
    this.code = code;
    if (details.status !== undefined) this.status = details.status;
    if (details.graphCode !== undefined) this.graphCode = details.graphCode;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.retryAfterSeconds !== undefined) this.retryAfterSeconds = details.retryAfterSeconds;
  }
}
