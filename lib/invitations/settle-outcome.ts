import type { Invitation } from "@microsoft/microsoft-graph-types";
import type { InvitationKind } from "@/lib/db";
import type { SentInvitation } from "@/lib/graph/invitations";
import type { GuestDetails } from "@/lib/graph/pending-guests";
import type { DirectoryMatch } from "@/lib/graph/users-by-mail";

// When a POST /invitations lost its answer, Graph may or may not have acted, and only Graph can say
// which (docs/graph-behaviour.md#settling-a-lost-answer). One rule for every kind of send.

/** Graph's clock and ours may differ; a guest created this long before the send began still counts. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export type Settlement =
  /** Graph acted. `link` is a fresh redeem link from a silent re-invitation (null if that failed). */
  | { outcome: "sent"; guestUserId: string | null; link: SentInvitation | null }
  /** Graph did not act: sending again is safe. */
  | { outcome: "not_sent" }
  /** The directory does not show whether Graph acted. */
  | { outcome: "unknown"; guestUserId: string | null };

/** What was sent, as the history recorded it. */
export type AmbiguousSend = {
  kind: InvitationKind;
  email: string;
  redirectUrl: string;
  sendInvitationMessage: boolean;
  /** Known before the POST for re-invitations and resets. */
  guestUserId: string | null;
  startedAt: number;
};

export type GuestState = Pick<GuestDetails, "id" | "mail" | "externalUserState">;

/** The Graph calls settling needs, made on behalf of the person who sent. */
export type SettleGraph = {
  /** The POST itself; sent again to settle only when silent, since then it sends no e-mail. */
  send: () => Promise<SentInvitation>;
  post: (request: Invitation) => Promise<SentInvitation>;
  findByMail: (email: string) => Promise<DirectoryMatch[]>;
  readGuest: (userId: string) => Promise<GuestState | undefined>;
  /** For a reset: the guest as read just before the POST. */
  guestBefore?: GuestState;
};

type DirectoryVerdict =
  | { outcome: "sent"; user: DirectoryMatch }
  | { outcome: "not_sent" }
  | { outcome: "unknown"; user: DirectoryMatch };

/**
 * A new invitation creates a user with that mail (docs/graph-behaviour.md#guest-users): one created
 * after the send began means it went through; none means it did not; one that existed before would
 * have been re-invited, which changes nothing a reader can see.
 */
export function verdictByMail(
  matches: readonly DirectoryMatch[],
  email: string,
  startedAt: number,
): DirectoryVerdict {
  const users = matches.filter((match) => match.mail === email.toLowerCase());
  const created = users.find(
    (user) => user.createdDateTime && Date.parse(user.createdDateTime) >= startedAt - CLOCK_SKEW_MS,
  );
  if (created) return { outcome: "sent", user: created };
  const existing = users[0];
  return existing ? { outcome: "unknown", user: existing } : { outcome: "not_sent" };
}

/**
 * A reset that acted puts an accepted guest back in PendingAcceptance (and moves
 * externalUserStateChangeDateTime, "the latest change to externalUserState", to the second, which is
 * too coarse to compare). A reset of a guest already pending changes neither, so it cannot be told.
 */
function resetVerdict(before: GuestState | undefined, now: GuestState | undefined) {
  if (!before || !now || before.externalUserState !== "Accepted") return "unknown" as const;
  return now.externalUserState === "PendingAcceptance" ? ("sent" as const) : ("not_sent" as const);
}

/**
 * Asks Graph what became of a POST whose answer was lost. Throws when Graph could not be asked (the
 * lookup failed): the caller decides whether to ask again later or report the outcome as unknown.
 */
export async function settleOutcome(send: AmbiguousSend, graph: SettleGraph): Promise<Settlement> {
  // Without an e-mail a second request is harmless: at worst another link for the same guest.
  if (!send.sendInvitationMessage) {
    const link = await graph.send().catch(() => null);
    if (!link) return unknown(send.guestUserId);
    return { outcome: "sent", guestUserId: link.invitation.invitedUser?.id ?? null, link };
  }
  if (send.kind === "reset_redemption") {
    const guestId = send.guestUserId ?? "";
    const verdict = resetVerdict(graph.guestBefore, await graph.readGuest(guestId));
    if (verdict === "sent") return sent(send, graph, guestId, graph.guestBefore?.mail);
    return verdict === "not_sent" ? { outcome: "not_sent" } : unknown(guestId);
  }
  // A re-invitation (resend) leaves the user object as it was.
  if (send.guestUserId) return unknown(send.guestUserId);
  const verdict = verdictByMail(await graph.findByMail(send.email), send.email, send.startedAt);
  if (verdict.outcome === "sent") return sent(send, graph, verdict.user.id);
  return verdict.outcome === "not_sent" ? verdict : unknown(verdict.user.id);
}

function unknown(guestUserId: string | null): Settlement {
  return { outcome: "unknown", guestUserId };
}

/** The lost answer held the only redeem link: a silent re-invitation makes a new one, no e-mail. */
async function sent(
  send: AmbiguousSend,
  graph: SettleGraph,
  guestUserId: string,
  address?: string | null,
): Promise<Settlement> {
  const link = await graph
    .post({
      invitedUserEmailAddress: address || send.email,
      inviteRedirectUrl: send.redirectUrl,
      sendInvitationMessage: false,
    })
    .catch(() => null);
  return { outcome: "sent", guestUserId, link };
}
