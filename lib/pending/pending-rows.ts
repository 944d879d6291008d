import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { mayResetRedemption, overseesAllInvitations } from "@/lib/auth/caller-roles";
import { getStore, type GuestInviter } from "@/lib/db";
import type { PendingGuest } from "@/lib/graph/pending-guests";
import type { PendingCapabilities, PendingInvitationRow } from "./pending-types";

/** What the caller may do on the pending page: from their token, or Graph when it lacks the roles. */
export async function pendingCapabilities(caller: Caller): Promise<PendingCapabilities> {
  const [canReset, seesAllLinks] = await Promise.all([
    mayResetRedemption(caller),
    overseesAllInvitations(caller),
  ]);
  return { canReset, seesAllLinks };
}

/** Graph's pending guests merged with the history: who invited each, and whether the caller may copy a link. */
export async function pendingRows(
  caller: Caller,
  guests: PendingGuest[],
): Promise<PendingInvitationRow[]> {
  const inviters = await (await getStore()).inviterForGuests(guests.map((guest) => guest.id));
  const all = await overseesAllInvitations(caller);
  return guests.map((guest) => {
    const inviter = inviters.get(guest.id);
    return {
      id: guest.id,
      displayName: guest.displayName,
      mail: guest.mail,
      createdDateTime: guest.createdDateTime,
      invitedBy: invitedByOf(guest, inviter, caller),
      linkAvailable: inviter !== undefined && (all || inviter.oid === caller.oid),
    };
  });
}

/** The portal's history names the inviter; a guest invited elsewhere may still name sponsors. */
function invitedByOf(
  guest: PendingGuest,
  inviter: GuestInviter | undefined,
  caller: Caller,
): PendingInvitationRow["invitedBy"] {
  if (inviter) {
    return {
      name: inviter.name ?? inviter.upn ?? inviter.oid,
      source: "history",
      byMe: inviter.oid === caller.oid,
    };
  }
  if (guest.sponsors && guest.sponsors.length > 0) {
    return {
      name: guest.sponsors.map((sponsor) => sponsor.displayName).join(", "),
      source: "sponsor",
      byMe: guest.sponsors.some((sponsor) => sponsor.id === caller.oid),
    };
  }
  return null;
}
