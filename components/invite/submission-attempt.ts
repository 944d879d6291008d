import { buildInvitationRequest } from "@/lib/invitations/graph-request";
import type { InviteFormValues } from "@/lib/invitations/invite-schema";

/** One submission of one set of values; its key makes the server answer a retry instead of inviting twice. */
export type SubmissionAttempt = { idempotencyKey: string; fingerprint: string };

/** What Graph would receive: two forms that build the same request are the same submission. */
export function fingerprintOf(values: InviteFormValues): string {
  return JSON.stringify(buildInvitationRequest(values));
}

/**
 * Reuses the unfinished attempt when the values are unchanged (double click, retry after a timeout or
 * an error, after signing in again); anything else is a new submission with a new key.
 */
export function attemptFor(
  previous: SubmissionAttempt | null,
  values: InviteFormValues,
  newKey: () => string = () => crypto.randomUUID(),
): SubmissionAttempt {
  const fingerprint = fingerprintOf(values);
  if (previous && previous.fingerprint === fingerprint) return previous;
  return { idempotencyKey: newKey(), fingerprint };
}
