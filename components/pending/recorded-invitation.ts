import { ActionFailure } from "@/lib/server-action/action-failure";
import type { Caller } from "@/lib/auth/caller";
import { getStore, type InvitationKind } from "@/lib/db";
import { GraphFailure } from "@/lib/graph/graph-failure";
import type { SentInvitation } from "@/lib/graph/invitations";

export type RecordedInvitation = {
  redeemUrl: string;
  status: string;
  invitationId: string;
  requestId?: string;
};

export type InvitationToRecord = {
  kind: InvitationKind;
  idempotencyKey: string;
  guestUserId: string;
  guestEmail: string;
  guestDisplayName: string | null;
  redirectUrl: string;
  sendInvitationMessage: boolean;
};

/**
 * Runs one invitation call (re-invite, resend, reset) with the history around it: recorded before
 * Graph is called, completed with the outcome or error, and answered from the history when the same
 * idempotency key comes again (a double click, a retry after a lost answer).
 */
export async function recordedInvitation(
  caller: Caller,
  entry: InvitationToRecord,
  send: () => Promise<SentInvitation>,
): Promise<RecordedInvitation> {
  const store = await getStore();
  const begun = await store.beginAttempt({
    ...entry,
    inviterOid: caller.oid,
    inviterName: caller.name || null,
    inviterUpn: caller.upn || null,
    userType: "Guest",
  });
  if (begun.state === "in_progress") throw new ActionFailure("duplicate_in_progress");
  if (begun.state === "succeeded") {
    const record = begun.attempt;
    return {
      redeemUrl: record.redeemUrl ?? "",
      status: record.graphStatus ?? "",
      invitationId: record.invitationId ?? "",
      ...(record.requestId ? { requestId: record.requestId } : {}),
    };
  }

  let sent: SentInvitation;
  try {
    sent = await send();
  } catch (error) {
    await store
      .completeAttempt(begun.attempt.id, {
        outcome: "failed",
        errorCode: codeOf(error),
        errorMessage: error instanceof Error ? error.message : String(error),
        requestId: error instanceof GraphFailure ? (error.requestId ?? null) : null,
      })
      .catch(logUnrecorded);
    throw error;
  }
  const { invitation, requestId } = sent;
  const result: RecordedInvitation = {
    redeemUrl: invitation.inviteRedeemUrl ?? "",
    status: invitation.status ?? "",
    invitationId: invitation.id ?? "",
    ...(requestId ? { requestId } : {}),
  };
  // Graph acted: even if recording fails, the person must get the new link.
  await store
    .completeAttempt(begun.attempt.id, {
      outcome: "succeeded",
      invitationId: result.invitationId,
      guestUserId: invitation.invitedUser?.id ?? entry.guestUserId,
      redeemUrl: result.redeemUrl,
      status: result.status,
      requestId: requestId ?? null,
    })
    .catch(logUnrecorded);
  return result;
}

function codeOf(error: unknown): string {
  if (error instanceof GraphFailure) return error.code;
  if (error instanceof ActionFailure) return error.error.code;
  return "internal";
}

function logUnrecorded(error: unknown): void {
  // StoreError messages carry no row data, so this cannot leak a redeem link.
  console.error(
    "[pending] could not record the outcome:",
    error instanceof Error ? error.message : "unknown",
  );
}
