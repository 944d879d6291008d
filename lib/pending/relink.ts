import "server-only";
import type { Invitation } from "@microsoft/microsoft-graph-types";
import type { Caller } from "@/lib/auth/caller";
import { overseesAllInvitations } from "@/lib/auth/caller-roles";
import { getServerConfig } from "@/lib/config/server-config";
import { getStore } from "@/lib/db";
import {
  postInvitation,
  postRedemptionReset,
  redemptionResetRequest,
  type RedemptionReset,
} from "@/lib/graph/invitations";
import { addOtherMail, getGuest, type GuestDetails } from "@/lib/graph/pending-guests";
import { GraphFailure } from "@/lib/graph/graph-failure";
import {
  attemptOf,
  inviterOf,
  recordedSend,
  type RecordedSend,
} from "@/lib/invitations/recorded-send";
import { sendAs } from "@/lib/invitations/settle-graph";
import type { ReinviteInput, ResetInput } from "./pending-inputs";
import type { RelinkResult, ResetResult } from "./pending-types";

/** The redeem link the history holds for a guest, when this caller may see it. */
export async function redeemLinkFor(
  caller: Caller,
  guestUserId: string,
): Promise<{ redeemUrl: string | null }> {
  const latest = await (await getStore()).latestRedeemUrlForGuest(guestUserId);
  // Only the newest link still works after a reset, and only its creator (or helpdesk) may read it.
  if (!latest || (!(await overseesAllInvitations(caller)) && latest.inviterOid !== caller.oid))
    return { redeemUrl: null };
  return { redeemUrl: latest.redeemUrl };
}

/** Invites a pending guest again (recorded): silently for a new link, or with the e-mail for a resend. */
export async function reinviteGuest(
  caller: Caller,
  input: ReinviteInput,
  kind: "regenerate_link" | "resend",
): Promise<RelinkResult> {
  const guest = await getGuest(caller, input.guestUserId);
  const email = guest ? invitationAddress(guest) : null;
  if (!isPendingGuest(guest) || !email) return { status: "not_pending" };
  const request: Invitation = {
    invitedUserEmailAddress: email,
    inviteRedirectUrl: getServerConfig().defaultRedirectUrl,
    sendInvitationMessage: kind === "resend",
  };
  const sent = await recordedSend(
    attemptOf(kind, inviterOf(caller), request, {
      idempotencyKey: input.idempotencyKey,
      guestUserId: guest.id,
      guestDisplayName: guest.displayName,
    }),
    sendAs(caller, () => postInvitation(caller, request)),
  );
  return {
    status: "ok",
    email,
    redeemUrl: sent.redeemUrl,
    ...(sent.requestId ? { requestId: sent.requestId } : {}),
    ...(sent.settled ? { settled: true } : {}),
  };
}

/** Resets a guest's redemption (recorded), optionally to a new address it first adds to the user. */
export async function resetGuest(caller: Caller, input: ResetInput): Promise<ResetResult> {
  const guest = await getGuest(caller, input.guestUserId);
  if (!guest || guest.userType !== "Guest") return { status: "not_guest" };
  const email = input.newEmail.trim() || invitationAddress(guest);
  if (!email) return { status: "not_guest" };
  const known = [guest.mail ?? "", ...guest.otherMails].some(
    (address) => address.toLowerCase() === email.toLowerCase(),
  );
  const addedEmail = !known && input.addEmailToUser;
  if (addedEmail) await addOtherMail(caller, guest, email);
  const reset: RedemptionReset = {
    userId: guest.id,
    email,
    redirectUrl: getServerConfig().defaultRedirectUrl,
    sendInvitationMessage: input.sendInvitationMessage,
  };
  let sent: RecordedSend;
  try {
    sent = await recordedSend(
      attemptOf("reset_redemption", inviterOf(caller), redemptionResetRequest(reset), {
        idempotencyKey: input.idempotencyKey,
        guestUserId: guest.id,
        guestDisplayName: guest.displayName,
      }),
      sendAs(caller, () => postRedemptionReset(caller, reset), guest),
    );
  } catch (error) {
    // The address is on the user object, yet Graph says it is not: the change has not reached every
    // replica (docs/graph-behaviour.md#replication-delay). The dialog asks again, for a bounded time.
    const onUser =
      addedEmail || guest.otherMails.some((a) => a.toLowerCase() === email.toLowerCase());
    if (error instanceof GraphFailure && error.code === "email_mismatch" && onUser)
      return { status: "awaiting_replication", email, addedEmail };
    throw error;
  }
  return {
    status: "ok",
    email,
    redeemUrl: sent.redeemUrl,
    addedEmail,
    ...(sent.requestId ? { requestId: sent.requestId } : {}),
    ...(sent.settled ? { settled: true } : {}),
  };
}

function invitationAddress(guest: GuestDetails): string | null {
  return guest.mail ?? guest.otherMails[0] ?? null;
}

function isPendingGuest(guest: GuestDetails | undefined): guest is GuestDetails {
  return guest?.userType === "Guest" && guest.externalUserState === "PendingAcceptance";
}
