import type { Invitation } from "@microsoft/microsoft-graph-types";
import type { Caller } from "@/lib/auth/caller";
import { callGraph } from "./call-graph";
import { connectAs, type GraphConnection } from "./graph-connection";
import type { GraphOperation } from "./graph-operation";
import { metrics } from "@/lib/observability/metrics";
import { GraphFailure } from "./graph-failure";
import { paceInvitation, type InvitationLane } from "./invitation-pacing";

export type SentInvitation = { invitation: Invitation; requestId?: string };

/**
 * POST /invitations. The response is the only place the redeem URL ever appears (docs/graph-behaviour.md#redeem-url):
 * the caller must keep it if it is wanted later. What may be sent again after a failure is decided
 * in repeat-rules.ts, since a second POST would send a second e-mail.
 */
export async function postInvitation(
  caller: Caller,
  request: Invitation,
  connection: GraphConnection = connectAs(caller, "User.Invite.All"),
): Promise<SentInvitation> {
  return postPaced(connection, request, "invite", "single");
}

/** postInvitation for a bulk job's row: paced behind single invitations (invitation-pacing.ts). */
export async function postBulkInvitation(
  caller: Caller,
  request: Invitation,
  connection: GraphConnection = connectAs(caller, "User.Invite.All"),
): Promise<SentInvitation> {
  return postPaced(connection, request, "invite", "bulk");
}

export type RedemptionReset = {
  userId: string;
  /** Must already be on the user's mail or otherMails, or Graph answers email_mismatch. */
  email: string;
  redirectUrl: string;
  sendInvitationMessage: boolean;
};

/**
 * POST /invitations with resetRedemption: keeps the object id, groups and app assignments. Needs
 * User.ReadWrite.All and a Helpdesk, User or Global Administrator caller (docs/graph-behaviour.md#reset-redemption).
 */
export async function postRedemptionReset(
  caller: Caller,
  reset: RedemptionReset,
  connection: GraphConnection = connectAs(caller, "User.ReadWrite.All"),
): Promise<SentInvitation> {
  return postPaced(connection, redemptionResetRequest(reset), "resetRedemption", "single");
}

/** The body postRedemptionReset sends, for recording it as sent. */
export function redemptionResetRequest(reset: RedemptionReset): Invitation {
  return {
    invitedUserEmailAddress: reset.email,
    inviteRedirectUrl: reset.redirectUrl,
    sendInvitationMessage: reset.sendInvitationMessage,
    resetRedemption: true,
    invitedUser: { id: reset.userId },
  };
}

async function postPaced(
  connection: GraphConnection,
  request: Invitation,
  operation: GraphOperation,
  lane: InvitationLane,
): Promise<SentInvitation> {
  // Every invitation, single or bulk, shares one pace per tenant (invitation-pacing.ts).
  const { data, requestId } = await paceInvitation(
    () =>
      callGraph<Invitation>(
        connection,
        { method: "POST", path: "/invitations", body: request },
        operation,
      ),
    lane,
  ).catch((error: unknown) => {
    const code = error instanceof GraphFailure ? error.code : "other";
    metrics().invitations.inc({ outcome: "failed", code, lane });
    throw error;
  });
  metrics().invitations.inc({ outcome: "sent", code: "none", lane });
  return requestId ? { invitation: data, requestId } : { invitation: data };
}
