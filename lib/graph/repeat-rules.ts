import { AuthError } from "@/lib/auth/auth-error";
import { GraphFailure } from "./graph-failure";

// At most once: which Graph requests may be sent again, and which failed POSTs may have acted.
// docs/graph-behaviour.md#retrying-a-post has the rule and its sources.

/** Times a bulk row is sent again after its outcome was settled as "not sent", before it fails. */
export const MAX_POST_ATTEMPTS = 5;
/** Throttled without a Retry-After: the identity services do not always send one (docs/graph-behaviour.md#throttling). */
const DEFAULT_THROTTLE_WAIT_MS = 5_000;
const NOT_SENT_BACKOFF_MS = 2_000;
const IDENTITY_UNREACHABLE_WAIT_MS = 5_000;

/**
 * A request that got no answer (dropped connection, timeout) may be sent once more only when it
 * cannot act twice: a GET. A POST may have reached Graph, and a second invitation is a second e-mail.
 */
export function mayRepeatUnanswered(method: string): boolean {
  return method === "GET";
}

/**
 * Whether the Graph client's RetryHandler may repeat a request Graph answered with `status`
 * (it asks only for 429, 503 and 504). A read, or a PATCH that sets a whole value, may go again; a
 * POST to /invitations only after a 429, the one answer known to come before anything was done. A 503
 * or 504 may come from a gateway after the service created the invitation.
 */
export function mayRepeatAfterStatus(method: string, status: number): boolean {
  // A DELETE (a user, or a reference such as a sponsor) may also have acted before a 503/504: the
  // caller asks Graph instead of repeating it.
  return (method !== "POST" && method !== "DELETE") || status === 429;
}

/**
 * The POST got no answer, or an answer that does not say nothing was done (any 5xx): Graph may have
 * created the invitation. Settle it by asking Graph (lib/invitations/settle-outcome.ts), never resend
 * blindly. A 4xx is Graph's refusal and a 429 its promise that nothing was done.
 */
export function postFailureMayHaveActed(error: unknown): boolean {
  return (
    error instanceof GraphFailure &&
    error.code === "graph_unreachable" &&
    (error.status === undefined || error.status >= 500)
  );
}

export type AfterPostFailure =
  /** Graph may have acted: find out from Graph before anything is sent again. */
  | { step: "settle" }
  /** Graph did not act (or nothing was sent): the same POST may go again after the wait. */
  | { step: "resend"; afterMs: number }
  /**
   * Nothing was sent: the identity platform refused the caller's token, which needs a new sign-in;
   * with `claims` when Conditional Access asks for a stronger one (the sign-in must carry them).
   */
  | { step: "sign_in"; claims?: string }
  /** Graph's answer is the outcome. */
  | { step: "final" };

/** What a sender that may try again later (the bulk worker) does after a failed POST. */
export function afterPostFailure(error: unknown): AfterPostFailure {
  if (postFailureMayHaveActed(error)) return { step: "settle" };
  if (error instanceof GraphFailure) {
    // Still throttled after the client's own retries: Graph did not act.
    if (error.code === "throttled") {
      const waitMs = (error.retryAfterSeconds ?? 0) * 1000 || DEFAULT_THROTTLE_WAIT_MS;
      return { step: "resend", afterMs: waitMs };
    }
    return { step: "final" };
  }
  // On-behalf-of failures happen before any request leaves for Graph.
  if (error instanceof AuthError) {
    if (error.code === "session_expired" || error.code === "unauthenticated")
      return { step: "sign_in" };
    // A Conditional Access claims challenge on the on-behalf-of exchange: the person signs in again
    // with the claims (docs/graph-behaviour.md#on-behalf-of); 53003 (no sign-in helps) stays final.
    if (error.code === "claims_challenge") {
      const claims = error.details?.claims;
      return { step: "sign_in", ...(typeof claims === "string" ? { claims } : {}) };
    }
    if (error.code === "graph_unreachable")
      return { step: "resend", afterMs: IDENTITY_UNREACHABLE_WAIT_MS };
  }
  return { step: "final" };
}

/** After Graph confirmed a row was not sent: it goes again after a pause, a bounded number of times. */
export function afterNotSent(attemptCount: number): AfterPostFailure {
  return attemptCount < MAX_POST_ATTEMPTS
    ? { step: "resend", afterMs: NOT_SENT_BACKOFF_MS * attemptCount }
    : { step: "final" };
}
