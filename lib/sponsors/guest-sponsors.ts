import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { getStore, type GuestChangeKind, type GuestChangeRecord } from "@/lib/db";
import { GraphFailure } from "@/lib/graph/graph-failure";
import { getGuest, type GuestDetails } from "@/lib/graph/pending-guests";
import {
  addSponsor,
  isAlreadySponsor,
  isNotFound,
  listSponsors,
  MAX_SPONSORS,
  removeSponsor,
  type Sponsor,
  type SponsorChange,
} from "@/lib/graph/sponsors";
import type { GuestSponsorsInput, SponsorChangeInput } from "./sponsor-inputs";
import type { GuestSponsors, SponsorChangeResult } from "./sponsor-types";

const sameId = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A sponsor change of this kind ended with an unknown or unsent outcome and may be tried again. */
const RETRYABLE_ERRORS = new Set(["outcome_unknown", "not_sent"]);

async function findGuest(caller: Caller, guestUserId: string): Promise<GuestDetails | undefined> {
  const guest = await getGuest(caller, guestUserId);
  return guest && guest.userType === "Guest" ? guest : undefined;
}

/** The guest and their current sponsors, as Graph has them now. */
export async function guestSponsors(
  caller: Caller,
  input: GuestSponsorsInput,
): Promise<GuestSponsors | { status: "guest_not_found" }> {
  const guest = await findGuest(caller, input.guestUserId);
  if (!guest) return { status: "guest_not_found" };
  return {
    guest: { id: guest.id, displayName: guest.displayName, mail: guest.mail },
    sponsors: await listSponsors(caller, guest.id),
    maxSponsors: MAX_SPONSORS,
  };
}

/** The latest change of this kind to this sponsor of this guest, when it failed in a way worth another try. */
async function retryableEarlierChange(
  guestUserId: string,
  kind: GuestChangeKind,
  sponsorId: string,
): Promise<GuestChangeRecord | undefined> {
  const recent = await (await getStore()).changes.list({ guestUserId, kinds: [kind], limit: 50 });
  const latest = recent.find((change) => change.targetId && sameId(change.targetId, sponsorId));
  return latest?.outcome === "failed" && RETRYABLE_ERRORS.has(latest.errorCode ?? "")
    ? latest
    : undefined;
}

const actorOf = (caller: Caller) => ({ oid: caller.oid, name: caller.name, upn: caller.upn });

/** An earlier try whose outcome was unknown turns out done: record it so, without sending anything. */
async function settleEarlier(caller: Caller, earlier: GuestChangeRecord | undefined) {
  if (!earlier || earlier.errorCode !== "outcome_unknown") return;
  const store = await getStore();
  const claimed = await store.changes.retry(earlier.id, actorOf(caller));
  if (claimed)
    await store.changes.complete(claimed.id, {
      outcome: "succeeded",
      errorMessage: "Confirmed by reading the guest's sponsors",
    });
}

/** Records the change pending, sends it, and records how it ended (succeeded, or failed with Graph's answer). */
async function recorded(
  caller: Caller,
  guest: GuestDetails,
  kind: GuestChangeKind,
  sponsor: { id: string; displayName: string },
  earlier: GuestChangeRecord | undefined,
  send: (afterAmbiguity: boolean) => Promise<SponsorChange>,
): Promise<SponsorChange> {
  const store = await getStore();
  const change =
    (earlier && (await store.changes.retry(earlier.id, actorOf(caller)))) ??
    (await store.changes.begin({
      kind,
      actorOid: caller.oid,
      actorName: caller.name,
      actorUpn: caller.upn,
      guestUserId: guest.id,
      guestEmail: guest.mail,
      guestDisplayName: guest.displayName,
      targetId: sponsor.id,
      targetName: sponsor.displayName,
    }));
  try {
    const done = await send(earlier?.errorCode === "outcome_unknown");
    await store.changes.complete(change.id, {
      outcome: "succeeded",
      requestId: done.requestId ?? null,
      errorMessage: done.confirmedByReading ? "Confirmed by reading the guest's sponsors" : null,
    });
    return done;
  } catch (error) {
    await store.changes.complete(change.id, {
      outcome: "failed",
      requestId: error instanceof GraphFailure ? (error.requestId ?? null) : null,
      errorCode: error instanceof GraphFailure ? (error.graphCode ?? error.code) : "internal",
      errorMessage: error instanceof Error ? error.message : null,
    });
    throw error;
  }
}

async function sponsorsAfter(caller: Caller, guestId: string, fallback: Sponsor[]) {
  try {
    return await listSponsors(caller, guestId);
  } catch {
    return fallback;
  }
}

/** Adds a sponsor to a guest: checked against Graph's current sponsors first, recorded around the call. */
export async function addGuestSponsor(
  caller: Caller,
  input: SponsorChangeInput,
): Promise<SponsorChangeResult> {
  const guest = await findGuest(caller, input.guestUserId);
  if (!guest) return { status: "guest_not_found", sponsors: [] };
  const current = await listSponsors(caller, guest.id);
  const earlier = await retryableEarlierChange(guest.id, "sponsor_add", input.sponsorId);
  if (current.some((sponsor) => sameId(sponsor.id, input.sponsorId))) {
    await settleEarlier(caller, earlier);
    return { status: "already_sponsor", sponsors: current };
  }
  if (current.length >= MAX_SPONSORS) return { status: "sponsors_full", sponsors: current };
  const person = await getGuest(caller, input.sponsorId);
  // Sponsors are people of the organization: the picker offers members only, and so does the server.
  if (!person || person.userType === "Guest")
    return { status: "sponsor_not_found", sponsors: current };
  const sponsor: Sponsor = {
    id: person.id,
    type: "user",
    displayName: person.displayName,
    mail: person.mail,
  };
  try {
    const done = await recorded(caller, guest, "sponsor_add", sponsor, earlier, (afterAmbiguity) =>
      addSponsor(caller, guest.id, sponsor.id, { afterAmbiguity }),
    );
    return {
      status: "added",
      sponsors: await sponsorsAfter(caller, guest.id, [...current, sponsor]),
      ...(done.requestId ? { requestId: done.requestId } : {}),
      confirmedByReading: done.confirmedByReading,
    };
  } catch (error) {
    if (isAlreadySponsor(error))
      return {
        status: "already_sponsor",
        sponsors: await sponsorsAfter(caller, guest.id, current),
      };
    throw error;
  }
}

/** Removes a sponsor from a guest, recorded around the call. */
export async function removeGuestSponsor(
  caller: Caller,
  input: SponsorChangeInput,
): Promise<SponsorChangeResult> {
  const guest = await findGuest(caller, input.guestUserId);
  if (!guest) return { status: "guest_not_found", sponsors: [] };
  const current = await listSponsors(caller, guest.id);
  const earlier = await retryableEarlierChange(guest.id, "sponsor_remove", input.sponsorId);
  const sponsor = current.find((candidate) => sameId(candidate.id, input.sponsorId));
  if (!sponsor) {
    await settleEarlier(caller, earlier);
    return { status: "not_a_sponsor", sponsors: current };
  }
  try {
    const done = await recorded(
      caller,
      guest,
      "sponsor_remove",
      sponsor,
      earlier,
      (afterAmbiguity) => removeSponsor(caller, guest.id, sponsor.id, { afterAmbiguity }),
    );
    return {
      status: "removed",
      sponsors: await sponsorsAfter(
        caller,
        guest.id,
        current.filter((candidate) => candidate !== sponsor),
      ),
      ...(done.requestId ? { requestId: done.requestId } : {}),
      confirmedByReading: done.confirmedByReading,
    };
  } catch (error) {
    if (isNotFound(error))
      return { status: "not_a_sponsor", sponsors: await sponsorsAfter(caller, guest.id, current) };
    throw error;
  }
}
