import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { mayRemoveGuests } from "@/lib/auth/caller-roles";
import { getServerConfig } from "@/lib/config/server-config";
import { getStore } from "@/lib/db";
import { startGuestJob, type GuestJobKind, type JobGuest } from "@/lib/bulk/guest-jobs";
import { summarizeJob, type BulkJobSummary } from "@/lib/bulk/job-view";
import { ensureBulkWorker } from "@/lib/bulk/worker";
import {
  daysLeftInDeletedItems,
  listDeletedGuests,
  restoreDeletedUser,
} from "@/lib/graph/deleted-users";
import { GraphFailure } from "@/lib/graph/graph-failure";
import {
  followPendingGuestsLink,
  listPendingGuests,
  MAX_IDS_PER_QUERY,
  type PendingGuest,
} from "@/lib/graph/pending-guests";
import { ActionFailure } from "@/lib/server-action/action-failure";
import { staleCutoff } from "./pending-query";
import type { RestoreInput, StaleJobInput } from "./stale-inputs";

/** Most guests one clean-up job takes; the rest wait for the next. */
export const MAX_STALE_JOB_GUESTS = 5_000;

const toJobGuest = (guest: PendingGuest): JobGuest => ({
  id: guest.id,
  email: guest.mail ?? guest.userPrincipalName,
  displayName: guest.displayName,
});

/**
 * The guests a clean-up acts on, resolved by the server at job start: the chosen ids checked again
 * against Graph (still pending, still older than the cutoff), or every guest matching the filter.
 * A list from the browser is never taken for "all".
 */
export async function resolveStaleGuests(
  caller: Caller,
  input: Pick<StaleJobInput, "olderThanDays" | "search" | "invitedByMe" | "guestIds">,
  now: number = Date.now(),
): Promise<JobGuest[]> {
  const invitedBefore = staleCutoff(input.olderThanDays, now);
  let allowed: Set<string> | null = null;
  if (input.invitedByMe) {
    const store = await getStore();
    allowed = new Set(
      await store.guestsInvitedBy(caller.oid, { limit: MAX_STALE_JOB_GUESTS * 2, offset: 0 }),
    );
  }
  const found: PendingGuest[] = [];
  if (input.guestIds) {
    for (let index = 0; index < input.guestIds.length; index += MAX_IDS_PER_QUERY) {
      const page = await listPendingGuests(caller, {
        pageSize: 25,
        order: "oldest",
        ids: input.guestIds.slice(index, index + MAX_IDS_PER_QUERY),
        invitedBefore,
      });
      found.push(...page.guests);
    }
  } else {
    let page = await listPendingGuests(caller, {
      pageSize: 100,
      order: "oldest",
      search: input.search,
      invitedBefore,
    });
    found.push(...page.guests);
    while (page.nextLink && found.length < MAX_STALE_JOB_GUESTS) {
      page = await followPendingGuestsLink(caller, page.nextLink, "oldest");
      found.push(...page.guests);
    }
  }
  return found
    .filter((guest) => !allowed || allowed.has(guest.id))
    .slice(0, MAX_STALE_JOB_GUESTS)
    .map(toJobGuest);
}

/** Starts a reminder or removal job over the resolved guests; the worker acts with the caller's token. */
export async function startStaleJob(caller: Caller, input: StaleJobInput): Promise<BulkJobSummary> {
  const kind: GuestJobKind = input.kind;
  if (kind === "remove" && !(await mayRemoveGuests(caller))) throw new ActionFailure("forbidden");
  const guests = await resolveStaleGuests(caller, input);
  if (guests.length === 0) throw new ActionFailure("validation");
  const store = await getStore();
  const worker = await ensureBulkWorker();
  worker.vault.put(caller);
  const job = await startGuestJob(
    store,
    { oid: caller.oid, name: caller.name || null, upn: caller.upn || null },
    kind,
    guests,
    getServerConfig().defaultRedirectUrl,
  );
  worker.wake();
  return summarizeJob(job, caller.oid);
}

export type RemovedGuestView = {
  id: string;
  displayName: string | null;
  email: string | null;
  deletedDateTime: string;
  daysLeft: number;
  /** Removed through this portal (a guest_delete change recorded here). */
  removedHere: boolean;
};

/**
 * Guests in Entra's deleted items: those this portal removed, and (for the people who may see deleted
 * items at all: User or Global Administrators) every other deleted guest too.
 */
export async function recentlyRemovedGuests(caller: Caller): Promise<RemovedGuestView[]> {
  if (!(await mayRemoveGuests(caller))) throw new ActionFailure("forbidden");
  const deleted = await listDeletedGuests(caller, { top: 999 });
  const store = await getStore();
  const removedHere = new Set(
    (await store.changes.list({ kinds: ["guest_delete"], outcome: "succeeded", limit: 1000 })).map(
      (change) => change.guestUserId,
    ),
  );
  return deleted.map((user) => ({
    id: user.id,
    displayName: user.displayName,
    email: user.mail,
    deletedDateTime: user.deletedDateTime,
    daysLeft: daysLeftInDeletedItems(user.deletedDateTime),
    removedHere: removedHere.has(user.id),
  }));
}

export type RestoreResult = { status: "ok"; requestId?: string } | { status: "conflict" };

/** Restores a deleted guest, recorded as guest_restore (pending before the POST). */
export async function restoreGuest(caller: Caller, input: RestoreInput): Promise<RestoreResult> {
  const store = await getStore();
  const change = await store.changes.begin({
    kind: "guest_restore",
    actorOid: caller.oid,
    actorName: caller.name || null,
    actorUpn: caller.upn || null,
    guestUserId: input.guestUserId,
  });
  try {
    const { requestId } = await restoreDeletedUser(caller, input.guestUserId);
    await store.changes.complete(change.id, { outcome: "succeeded", requestId: requestId ?? null });
    return { status: "ok", ...(requestId ? { requestId } : {}) };
  } catch (error) {
    const failure = error instanceof GraphFailure ? error : undefined;
    await store.changes.complete(change.id, {
      outcome: "failed",
      errorCode: failure?.graphCode ?? failure?.code ?? "internal",
      errorMessage: error instanceof Error ? error.message : String(error),
      requestId: failure?.requestId ?? null,
    });
    // A live object holds the name or address now (the guest was invited again): say so.
    if (failure?.status === 400 && /already exists/i.test(failure.message))
      return { status: "conflict" };
    throw error;
  }
}
