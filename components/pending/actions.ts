"use server";

import { z } from "zod";
import { RESET_REDEMPTION_ROLES } from "@/lib/auth/roles";
import { createAction } from "@/lib/server-action/create-action";
import {
  guestInput,
  pendingListInput,
  reinviteInput,
  resetInput,
} from "@/lib/pending/pending-inputs";
import { pendingInvitationsPage } from "@/lib/pending/pending-page";
import { pendingCapabilities } from "@/lib/pending/pending-rows";
import { redeemLinkFor, reinviteGuest, resetGuest } from "@/lib/pending/relink";

export type {
  PendingCapabilities,
  PendingInvitationRow,
  PendingInvitationsPage,
  RelinkResult,
  ResetResult,
} from "@/lib/pending/pending-types";

/** One page of guests who have not accepted their invitation yet. */
export const listPendingInvitations = createAction({
  name: "listPendingInvitations",
  schema: pendingListInput,
  handler: (input, { caller }) => pendingInvitationsPage(caller, input),
});

/** What the signed-in person may do on the pending page, from their validated token. */
export const getPendingCapabilities = createAction({
  name: "getPendingCapabilities",
  schema: z.object({}).loose(),
  handler: async (_input, { caller }) => pendingCapabilities(caller),
});

/** The redeem link the history holds for a guest, when this caller may see it. */
export const getRedeemLink = createAction({
  name: "getRedeemLink",
  schema: guestInput,
  handler: (input, { caller }) => redeemLinkFor(caller, input.guestUserId),
});

/** Invites a pending guest again without e-mail, for a fresh redeem link (recorded). */
export const regenerateRedeemLink = createAction({
  name: "regenerateRedeemLink",
  schema: reinviteInput,
  handler: (input, { caller }) => reinviteGuest(caller, input, "regenerate_link"),
});

/** Invites a pending guest again with the invitation e-mail (recorded). */
export const resendInvitation = createAction({
  name: "resendInvitation",
  schema: reinviteInput,
  handler: (input, { caller }) => reinviteGuest(caller, input, "resend"),
});

/** Helpdesk only: resets a guest's redemption, optionally to a new address (recorded). */
export const resetGuestRedemption = createAction({
  name: "resetGuestRedemption",
  schema: resetInput,
  requiredRoles: RESET_REDEMPTION_ROLES,
  handler: (input, { caller }) => resetGuest(caller, input),
});
