import "server-only";
import type { Invitation } from "@microsoft/microsoft-graph-types";
import type { Caller } from "@/lib/auth/caller";
import {
  getStore,
  hasErrorCode,
  type InvitationKind,
  type InvitationStore,
  type NewAttempt,
} from "@/lib/db";
import { GraphFailure } from "@/lib/graph/graph-failure";
import type { SentInvitation } from "@/lib/graph/invitations";
import { postFailureMayHaveActed } from "@/lib/graph/repeat-rules";
import { ActionFailure } from "@/lib/server-action/action-failure";
import {
  failureOf,
  outcomeOfRecord,
  outcomeOfSent,
  outcomeOfSettled,
  recordFailed,
  recordOutcome,
  recordSettledSent,
  recordSucceeded,
  type SentOutcome,
} from "./attempt-outcome";
import {
  settleOutcome,
  type AmbiguousSend,
  type SettleGraph,
  type Settlement,
} from "./settle-outcome";
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
  /** Graph's answer was lost; asking Graph showed it was sent, and the link is a silent new one. */
  settled?: true;
  /** The history row of this invitation (steps that came with it, such as group memberships, point to it). */
  historyId?: string;
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
 * whose first request is still running is refused as `duplicate_in_progress`. A POST whose answer was
 * lost is settled by asking Graph (settle-outcome.ts), never sent again blindly.
 */
export async function recordedSend(
  attempt: NewAttempt,
  graph: SettleGraph,
  store?: InvitationStore,
): Promise<RecordedSend> {
  const history = store ?? (await getStore());
  const begun = await history.beginAttempt(attempt).catch(refuseAnotherRequest);
  if (begun.state === "succeeded")
    return { ...answerOf(outcomeOfRecord(begun.attempt), null), historyId: begun.attempt.id };
  if (begun.state === "in_progress") throw new ActionFailure("duplicate_in_progress");

  const startedAt = Date.now();
  let sent: SentInvitation;
  try {
    sent = await graph.send();
  } catch (error) {
    if (postFailureMayHaveActed(error))
      return settleLostAnswer(history, begun.attempt.id, attempt, startedAt, graph, error);
    await recordFailed(history, begun.attempt.id, error);
    throw error;
  }
  const outcome = outcomeOfSent(sent, attempt.guestUserId);
  await recordSucceeded(history, begun.attempt.id, outcome);
  return {
    ...answerOf(outcome, sent.invitation.invitedUser?.userPrincipalName ?? null),
    historyId: begun.attempt.id,
  };
}

async function settleLostAnswer(
  history: InvitationStore,
  historyId: string,
  attempt: NewAttempt,
  startedAt: number,
  graph: SettleGraph,
  lost: unknown,
): Promise<RecordedSend> {
  // Graph could not be asked either: nothing more is known.
  const settled = await settleOutcome(ambiguousSendOf(attempt, startedAt), graph).catch(
    (): Settlement => ({ outcome: "unknown", guestUserId: attempt.guestUserId ?? null }),
  );
  const requestId = lost instanceof GraphFailure ? lost.requestId : undefined;
  if (settled.outcome === "sent") {
    const outcome = outcomeOfSettled(settled);
    await recordSettledSent(history, historyId, outcome);
    const upn = settled.link?.invitation.invitedUser?.userPrincipalName ?? null;
    return { ...answerOf(outcome, upn), settled: true, historyId };
  }
  const failure = new GraphFailure(
    settled.outcome === "not_sent" ? "not_sent" : "outcome_unknown",
    {
      message: `${lost instanceof Error ? lost.message : "no answer"}; settled: ${settled.outcome}`,
      ...(requestId ? { requestId } : {}),
    },
  );
  await recordOutcome(history, historyId, {
    outcome: "failed",
    ...failureOf(failure),
    ...(settled.outcome === "unknown" ? { guestUserId: settled.guestUserId } : {}),
  });
  throw failure;
}

/** What was sent, as settle-outcome.ts needs it. */
export function ambiguousSendOf(attempt: NewAttempt, startedAt: number): AmbiguousSend {
  return {
    kind: attempt.kind,
    email: attempt.guestEmail,
    redirectUrl: attempt.redirectUrl,
    sendInvitationMessage: attempt.sendInvitationMessage,
    guestUserId: attempt.guestUserId ?? null,
    startedAt,
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

function refuseAnotherRequest(error: unknown): never {
  if (hasErrorCode(error, "idempotency_mismatch")) throw new ActionFailure("idempotency_mismatch");
  throw error;
}
