import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { postInvitation } from "@/lib/graph/invitations";
import {
  addGuestToGroups,
  checkChosenGroups,
  type MembershipResult,
} from "@/lib/groups/group-memberships";
import { buildInvitationRequest } from "./graph-request";
import type { InviteFormValues } from "./invite-schema";
import { sendAs } from "./settle-graph";
import { attemptOf, inviterOf, recordedSend, type RecordedSend } from "./recorded-send";

export type InvitedGuest = RecordedSend & { memberships: MembershipResult[] };

/**
 * Sends one invitation from the form; a repeated idempotency key returns the first outcome. Then adds
 * the guest to the chosen groups, each a recorded step; a failed membership never undoes the invitation.
 */
export async function inviteGuest(
  caller: Caller,
  values: InviteFormValues,
  idempotencyKey: string,
): Promise<InvitedGuest> {
  const groups = values.groups ?? [];
  // Before anything is sent: the browser's list of groups is never trusted.
  await checkChosenGroups(caller, groups);
  const request = buildInvitationRequest(values);
  const sent = await recordedSend(
    attemptOf("single", inviterOf(caller), request, { idempotencyKey }),
    sendAs(caller, () => postInvitation(caller, request)),
  );
  const memberships =
    sent.historyId && sent.guestUserId
      ? await addGuestToGroups(
          caller,
          {
            historyId: sent.historyId,
            guestUserId: sent.guestUserId,
            guestEmail: request.invitedUserEmailAddress,
            guestDisplayName: request.invitedUserDisplayName ?? null,
          },
          groups,
        )
      : [];
  return { ...sent, memberships };
}
