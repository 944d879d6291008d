import "server-only";
import type { Caller } from "@/lib/auth/caller";
import {
  getStore,
  type InvitationStore,
  type StaleDigestGuest,
  type StaleDigestRunRecord,
} from "@/lib/db";
import {
  listPendingGuests,
  MAX_IDS_PER_QUERY,
  type PendingGuestPage,
  type PendingGuestQuery,
} from "@/lib/graph/pending-guests";
import { systemClock, isoWeekOf, type Clock } from "./iso-week";
import { readStaleDigestPolicy } from "./policy";
import type { StaleDigestView } from "./types";

const DAY_MS = 86_400_000;
/** A crashed computation's claim is taken over after this long. */
const LEASE_MS = 2 * 60_000;
/** Read from the history a page at a time; an inviter with more guests than this gets the oldest ones. */
const HISTORY_PAGE = 500;
export const MAX_GUESTS_CHECKED = 3_000;
/** Graph requests at once for one inviter's list. */
const PARALLEL_REQUESTS = 3;

export type PendingLookup = (caller: Caller, query: PendingGuestQuery) => Promise<PendingGuestPage>;

export type WeeklyListOptions = {
  clock?: Clock;
  /** Graph's pending guests; the real adapter by default. */
  lookup?: PendingLookup;
  /** The process-wide store by default. */
  store?: InvitationStore;
};

/**
 * This week's list of the caller's stale invitations. Computed lazily, on the caller's behalf, the
 * first time they ask in an ISO week (their own token reads Graph; the portal needs no application
 * permission), then stored: every later visit that week, on any instance, reads the stored list.
 */
export async function weeklyStaleList(
  caller: Caller,
  options: WeeklyListOptions = {},
): Promise<StaleDigestView> {
  const clock = options.clock ?? systemClock;
  const store = options.store ?? (await getStore());
  const policy = await readStaleDigestPolicy(store);
  if (!policy.enabled) return { status: "off" };
  const now = clock();
  const key = { isoWeek: isoWeekOf(now), inviterOid: caller.oid, policyRevision: policy.revision };
  const { claimed, run } = await store.staleDigest.claim({
    ...key,
    olderThanDays: policy.olderThanDays,
    now,
    leaseMs: LEASE_MS,
  });
  if (!claimed) return run.status === "ready" ? viewOf(store, run) : { status: "computing" };
  let list: StaleDigestGuest[];
  try {
    list = await staleGuestsOf(caller, store, policy.olderThanDays, now, options.lookup);
  } catch (error) {
    await store.staleDigest.release(run.id);
    throw error;
  }
  // Undefined only when another instance took the claim over after our lease ran out: read theirs.
  const done =
    (await store.staleDigest.complete(run.id, list, clock())) ??
    (await store.staleDigest.find(key));
  return done?.status === "ready" ? viewOf(store, done) : { status: "computing" };
}

async function viewOf(store: InvitationStore, run: StaleDigestRunRecord): Promise<StaleDigestView> {
  const guests = await store.staleDigest.guests(run.id);
  return {
    status: "ready",
    runId: run.id,
    isoWeek: run.isoWeek,
    olderThanDays: run.olderThanDays,
    computedAt: (run.computedAt ?? run.createdAt).toISOString(),
    dismissed: run.dismissedAt !== null,
    guests: guests.map((guest) => ({
      guestUserId: guest.guestUserId,
      email: guest.email,
      displayName: guest.displayName,
      invitedAt: guest.invitedAt.toISOString(),
    })),
  };
}

/**
 * The caller's guests (the portal's history names them as the last to invite them) whom Graph still
 * shows as PendingAcceptance, created more than `olderThanDays` days before `now`.
 */
export async function staleGuestsOf(
  caller: Caller,
  store: InvitationStore,
  olderThanDays: number,
  now: Date,
  lookup: PendingLookup = listPendingGuests,
): Promise<StaleDigestGuest[]> {
  const ids: string[] = [];
  while (ids.length < MAX_GUESTS_CHECKED) {
    const page = await store.guestsInvitedBy(caller.oid, {
      limit: HISTORY_PAGE,
      offset: ids.length,
      oldestFirst: true,
    });
    ids.push(...page);
    if (page.length < HISTORY_PAGE) break;
  }
  const inviters = await store.inviterForGuests(ids);
  const own = ids.slice(0, MAX_GUESTS_CHECKED).filter((id) => inviters.get(id)?.oid === caller.oid);
  const chunks: string[][] = [];
  for (let index = 0; index < own.length; index += MAX_IDS_PER_QUERY)
    chunks.push(own.slice(index, index + MAX_IDS_PER_QUERY));
  const cutoff = now.getTime() - olderThanDays * DAY_MS;
  const found: StaleDigestGuest[] = [];
  for (let index = 0; index < chunks.length; index += PARALLEL_REQUESTS) {
    const pages = await Promise.all(
      chunks
        .slice(index, index + PARALLEL_REQUESTS)
        .map((chunk) => lookup(caller, { pageSize: 25, order: "default", ids: chunk })),
    );
    for (const guest of pages.flatMap((page) => page.guests)) {
      const created = guest.createdDateTime ? Date.parse(guest.createdDateTime) : Number.NaN;
      if (Number.isNaN(created) || created >= cutoff) continue;
      found.push({
        guestUserId: guest.id,
        email: guest.mail,
        displayName: guest.displayName,
        invitedAt: new Date(created),
      });
    }
  }
  return found.sort((a, b) => a.invitedAt.getTime() - b.invitedAt.getTime());
}

/** Hides this week's list for the caller (their own list only). */
export async function dismissWeeklyList(
  caller: Caller,
  runId: string,
  clock: Clock = systemClock,
  store?: InvitationStore,
): Promise<{ dismissed: boolean }> {
  store ??= await getStore();
  return { dismissed: await store.staleDigest.dismiss(runId, caller.oid, clock()) };
}
