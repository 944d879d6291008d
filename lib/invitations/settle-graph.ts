import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { postInvitation, type SentInvitation } from "@/lib/graph/invitations";
import { getGuest } from "@/lib/graph/pending-guests";
import { findUsersByMail } from "@/lib/graph/users-by-mail";
import type { GuestState, SettleGraph } from "./settle-outcome";

/** A send and the Graph calls that settle it if its answer is lost, all on behalf of `caller`. */
export function sendAs(
  caller: Caller,
  send: () => Promise<SentInvitation>,
  guestBefore?: GuestState,
): SettleGraph {
  return {
    send,
    post: (request) => postInvitation(caller, request),
    findByMail: (email) => findUsersByMail(caller, [email]),
    readGuest: (userId) => getGuest(caller, userId),
    ...(guestBefore ? { guestBefore } : {}),
  };
}
