import { AuthError } from "@/lib/auth/auth-error";
import { GraphFailure } from "./graph-failure";

// At most once: which Graph requests may be sent again, and which failed POSTs may have acted.
// The Graph client's own RetryHandler also repeats every method on 429, 503 and 504 (retry-policy.ts).

/** Sends of one bulk row that Graph answered "unavailable" (503/504) before the row fails. */
export const MAX_POST_ATTEMPTS = 5;
/** Throttled without a Retry-After: the identity services do not always send one (docs/graph-behaviour.md#throttling). */
const DEFAULT_THROTTLE_WAIT_MS = 5_000;
const UNAVAILABLE_BACKOFF_MS = 2_000;
const IDENTITY_UNREACHABLE_WAIT_MS = 5_000;

/**
 * A request that got no answer (dropped connection, timeout) may be sent once more only when it
 * cannot act twice: a GET. A POST may have reached Graph, and a second invitation is a second e-mail.
 */
export function mayRepeatUnanswered(method: string): boolean {
  return method === "GET";
}

/** The POST got no answer at all, so Graph may have created the invitation: settle it, never resend blindly. */
export function postFailureMayHaveActed(error: unknown): boolean {
  return (
    error instanceof GraphFailure &&
    error.code === "graph_unreachable" &&
    error.status === undefined
  );
}

export type AfterPostFailure =
  /** Graph may have acted: find out from Graph before anything is sent again. */
  | { step: "settle" }
  /** Graph did not act (or nothing was sent): the same POST may go again after the wait. */
  | { step: "resend"; afterMs: number }
  /** Nothing was sent: the identity platform refused the caller's token, which needs a new sign-in. */
  | { step: "sign_in" }
  /** Graph's answer is the outcome. */
  | { step: "final" };

/** What a sender that may try again later (the bulk worker) does after a failed POST. */
export function afterPostFailure(error: unknown, attemptCount: number): AfterPostFailure {
  if (postFailureMayHaveActed(error)) return { step: "settle" };
  if (error instanceof GraphFailure) {
    // Still throttled after the client's own retries: Graph did not act.
    if (error.code === "throttled") {
      const waitMs = (error.retryAfterSeconds ?? 0) * 1000 || DEFAULT_THROTTLE_WAIT_MS;
      return { step: "resend", afterMs: waitMs };
    }
    if (
      error.code === "graph_unreachable" &&
      (error.status === 503 || error.status === 504) &&
      attemptCount < MAX_POST_ATTEMPTS
    ) {
      return { step: "resend", afterMs: UNAVAILABLE_BACKOFF_MS * attemptCount };
    }
    return { step: "final" };
  }
  // On-behalf-of failures happen before any request leaves for Graph.
  if (error instanceof AuthError) {
    if (error.code === "session_expired" || error.code === "unauthenticated")
      return { step: "sign_in" };
    if (error.code === "graph_unreachable")
      return { step: "resend", afterMs: IDENTITY_UNREACHABLE_WAIT_MS };
  }
  return { step: "final" };
}
