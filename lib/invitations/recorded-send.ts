import "server-only";
import type { Invitation } from "@microsoft/microsoft-graph-types";
import type { Caller } from "@/lib/auth/caller";
import {
  getStore,
  hasErrorCode,
  type AttemptResult,
  type InvitationKind,
  type InvitationRecord,
  type InvitationStore,
  type NewAttempt,
} from "@/lib/db";
import { GraphFailure } from "@/lib/graph/graph-failure";
import type { SentInvitation } from "@/lib/graph/invitations";
import { ActionFailure } from "@/lib/server-action/action-failure";
import { requestHashOf } from "./request-hash";

// Every invitation the portal sends (single, regenerate, resend, reset, bulk) is recorded around the
// Graph call: the attempt before the POST, then its outcome or its error's code. A failure to record
// the outcome never hides it: Graph has acted, so the person gets the answer even if the store fails.

/** What a send gives back to the person. */
export type RecordedSend = {
  invitationId: string;
  status: string;
  guestUserId: string;
  /** Null when a repeated key is answered from the history, which does not keep the UPN. */
  userPrincipalName: string | null;
  /** Graph returns it only once (docs/graph-behaviour.md#redeem-url); the history keeps it. */
  redeemUrl: string;
  requestId?: string;
};

/** A successful outcome, with the bulk row's names for its columns. */
export type SentOutcome = {
  invitationId: string | null;
  guestUserId: string | null;
  redeemUrl: string | null;
  graphStatus: string | null;
  requestId: string | null;
};

export type Inviter = { oid: string; name: string | null; upn: string | null };

/** Who sends, from the validated token. */
export function inviterOf(caller: Caller): Inviter {
  return { oid: caller.oid, name: caller.name || null, upn: caller.upn || null };
}

/** What the directory knows that the request does not carry. */
export type AttemptDetails = {
  idempotencyKey: string;
  guestUserId?: string;
  guestDisplayName?: string | null;
  /** When the request has no address (a bulk row stored without one). */
  guestEmail?: string;
};

/** The attempt as recorded: what is actually sent to Graph, and who sent it. */
export function attemptOf(
  kind: InvitationKind,
  inviter: Inviter,
  request: Invitation,
  details: AttemptDetails,
): NewAttempt {
  const info = request.invitedUserMessageInfo;
  return {
    kind,
    idempotencyKey: details.idempotencyKey,
    requestHash: requestHashOf({ kind, request, guestUserId: details.guestUserId ?? null }),
    inviterOid: inviter.oid,
    inviterName: inviter.name,
    inviterUpn: inviter.upn,
    guestEmail: request.invitedUserEmailAddress ?? details.guestEmail ?? "",
    guestDisplayName: details.guestDisplayName ?? request.invitedUserDisplayName ?? null,
    guestUserId: details.guestUserId ?? request.invitedUser?.id ?? null,
    userType: request.invitedUserType === "Member" ? "Member" : "Guest",
    redirectUrl: request.inviteRedirectUrl ?? "",
    messageLanguage: info?.messageLanguage ?? null,
    customMessage: info?.customizedMessageBody ?? null,
    ccRecipient: info?.ccRecipients?.[0]?.emailAddress?.address ?? null,
    sponsorIds: (request.invitedUserSponsors ?? []).flatMap((sponsor) =>
      sponsor.id ? [sponsor.id] : [],
    ),
    sendInvitationMessage: request.sendInvitationMessage ?? false,
  };
}

/**
 * Records the attempt, calls Graph, records the outcome. A key that already succeeded is answered
 * from the history without a second invitation (a double click, a retry after a lost answer); a key
 * whose first request is still running is refused as `duplicate_in_progress`.
 */
export async function recordedSend(
  attempt: NewAttempt,
  post: () => Promise<SentInvitation>,
  store?: InvitationStore,
): Promise<RecordedSend> {
  const history = store ?? (await getStore());
  const begun = await history.beginAttempt(attempt).catch(refuseAnotherRequest);
  if (begun.state === "succeeded") return answerOf(outcomeOfRecord(begun.attempt), null);
  if (begun.state === "in_progress") throw new ActionFailure("duplicate_in_progress");

  let sent: SentInvitation;
  try {
    sent = await post();
  } catch (error) {
    await recordFailed(history, begun.attempt.id, error);
    throw error;
  }
  const outcome = outcomeOfSent(sent, attempt.guestUserId);
  await recordSucceeded(history, begun.attempt.id, outcome);
  return answerOf(outcome, sent.invitation.invitedUser?.userPrincipalName ?? null);
}

function refuseAnotherRequest(error: unknown): never {
  if (hasErrorCode(error, "idempotency_mismatch")) throw new ActionFailure("idempotency_mismatch");
  throw error;
}

export function outcomeOfSent(sent: SentInvitation, knownGuestUserId?: string | null): SentOutcome {
  const { invitation, requestId } = sent;
  return {
    invitationId: invitation.id ?? null,
    guestUserId: invitation.invitedUser?.id ?? knownGuestUserId ?? null,
    redeemUrl: invitation.inviteRedeemUrl ?? null,
    graphStatus: invitation.status ?? null,
    requestId: requestId ?? null,
  };
}

export function outcomeOfRecord(record: InvitationRecord): SentOutcome {
  return {
    invitationId: record.invitationId,
    guestUserId: record.guestUserId,
    redeemUrl: record.redeemUrl,
    graphStatus: record.graphStatus,
    requestId: record.requestId,
  };
}

function answerOf(outcome: SentOutcome, userPrincipalName: string | null): RecordedSend {
  return {
    invitationId: outcome.invitationId ?? "",
    status: outcome.graphStatus ?? "",
    guestUserId: outcome.guestUserId ?? "",
    userPrincipalName,
    redeemUrl: outcome.redeemUrl ?? "",
    ...(outcome.requestId ? { requestId: outcome.requestId } : {}),
  };
}

/** The portal's code for a failure: Graph's, the action's or the identity platform's own. */
export function codeOf(error: unknown): string {
  if (error instanceof GraphFailure) return error.code;
  if (error instanceof ActionFailure) return error.error.code;
  // AuthError and other coded errors (e.g. a database's) keep their code.
  if (error instanceof Error && "code" in error && typeof error.code === "string")
    return error.code;
  return "internal";
}

/** A failure as the history and a bulk row keep it. */
export function failureOf(error: unknown) {
  return {
    errorCode: codeOf(error),
    errorMessage: error instanceof Error ? error.message : String(error),
    requestId: error instanceof GraphFailure ? (error.requestId ?? null) : null,
  };
}

export async function recordSucceeded(
  store: InvitationStore,
  historyId: string,
  outcome: SentOutcome,
): Promise<void> {
  const { graphStatus, ...rest } = outcome;
  await recordOutcome(store, historyId, { outcome: "succeeded", ...rest, status: graphStatus });
}

export async function recordFailed(
  store: InvitationStore,
  historyId: string,
  error: unknown,
): Promise<void> {
  await recordOutcome(store, historyId, { outcome: "failed", ...failureOf(error) });
}

/** Completes a recorded attempt; a store failure is logged, never thrown over Graph's answer. */
export async function recordOutcome(
  store: InvitationStore,
  historyId: string,
  result: AttemptResult,
): Promise<void> {
  await store.completeAttempt(historyId, result).catch(logUnrecorded);
}

function logUnrecorded(error: unknown): void {
  // StoreError messages carry no row data (lib/db/store-error.ts), so this cannot leak a redeem link.
  console.error(
    "[history] could not record an invitation's outcome:",
    error instanceof Error ? error.message : "unknown",
  );
}
