import { and, asc, eq, lt, sql } from "drizzle-orm";
import type { Database } from "./connection";
import { isUuid } from "./is-uuid";
import {
  staleDigestGuests as guests,
  staleDigestRuns as runs,
  type StaleDigestGuestRecord,
  type StaleDigestRunRecord,
} from "./schema";
import { StoreError } from "./store-error";

export type StaleDigestRunKey = {
  isoWeek: string;
  inviterOid: string;
  policyRevision: number;
};

export type ClaimStaleDigestRun = StaleDigestRunKey & {
  olderThanDays: number;
  now: Date;
  leaseMs: number;
};

export type StaleDigestGuest = Omit<StaleDigestGuestRecord, "runId">;

export type ClaimedRun = { claimed: boolean; run: StaleDigestRunRecord };

/**
 * Claims the week's run for this inviter, or finds it. One statement: of two requests (or two
 * instances) racing, exactly one gets `claimed: true` and computes; a run left `computing` past its
 * lease (its process gone) may be claimed again.
 */
export async function claimStaleDigestRun(
  db: Database,
  claim: ClaimStaleDigestRun,
): Promise<ClaimedRun> {
  const leaseExpiresAt = new Date(claim.now.getTime() + claim.leaseMs);
  const [claimed] = await db
    .insert(runs)
    .values({
      isoWeek: claim.isoWeek,
      inviterOid: claim.inviterOid,
      policyRevision: claim.policyRevision,
      olderThanDays: claim.olderThanDays,
      status: "computing",
      leaseExpiresAt,
      createdAt: claim.now,
    })
    .onConflictDoUpdate({
      target: [runs.isoWeek, runs.inviterOid, runs.policyRevision],
      set: { leaseExpiresAt, olderThanDays: claim.olderThanDays },
      setWhere: sql`${runs.status} = 'computing' and (${runs.leaseExpiresAt} is null or ${runs.leaseExpiresAt} < ${claim.now.toISOString()}::timestamptz)`,
    })
    .returning();
  if (claimed) return { claimed: true, run: claimed };
  const existing = await findStaleDigestRun(db, claim);
  if (!existing) throw new StoreError("claimStaleDigestRun");
  return { claimed: false, run: existing };
}

export async function findStaleDigestRun(
  db: Database,
  key: StaleDigestRunKey,
): Promise<StaleDigestRunRecord | undefined> {
  const [run] = await db
    .select()
    .from(runs)
    .where(
      and(
        eq(runs.isoWeek, key.isoWeek),
        eq(runs.inviterOid, key.inviterOid),
        eq(runs.policyRevision, key.policyRevision),
      ),
    );
  return run;
}

/** Stores the list and marks the run ready, in one transaction; undefined if the run is no longer computing. */
export async function completeStaleDigestRun(
  db: Database,
  runId: string,
  list: readonly StaleDigestGuest[],
  now: Date,
): Promise<StaleDigestRunRecord | undefined> {
  if (!isUuid(runId)) return undefined;
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(runs)
      .set({ status: "ready", computedAt: now, leaseExpiresAt: null })
      .where(and(eq(runs.id, runId), eq(runs.status, "computing")))
      .returning();
    if (!done) return undefined;
    await tx.delete(guests).where(eq(guests.runId, runId));
    if (list.length > 0) {
      await tx.insert(guests).values(list.map((guest) => ({ ...guest, runId })));
    }
    return done;
  });
}

/** Gives a run that could not be computed back, so the inviter's next visit tries again. */
export async function releaseStaleDigestRun(db: Database, runId: string): Promise<void> {
  if (!isUuid(runId)) return;
  await db.delete(runs).where(and(eq(runs.id, runId), eq(runs.status, "computing")));
}

/** The run's guests, oldest invitation first. */
export async function staleDigestGuests(db: Database, runId: string): Promise<StaleDigestGuest[]> {
  if (!isUuid(runId)) return [];
  const rows = await db
    .select()
    .from(guests)
    .where(eq(guests.runId, runId))
    .orderBy(asc(guests.invitedAt), asc(guests.guestUserId));
  return rows.map(({ runId: _runId, ...guest }) => guest);
}

/** Hides the list for the rest of the week; only the inviter it belongs to may. */
export async function dismissStaleDigestRun(
  db: Database,
  runId: string,
  inviterOid: string,
  now: Date,
): Promise<boolean> {
  if (!isUuid(runId)) return false;
  const dismissed = await db
    .update(runs)
    .set({ dismissedAt: now })
    .where(and(eq(runs.id, runId), eq(runs.inviterOid, inviterOid), eq(runs.status, "ready")))
    .returning({ id: runs.id });
  return dismissed.length > 0;
}

/** Deletes the runs (and their lists) created before `before`; returns how many. */
export async function pruneStaleDigestRuns(db: Database, before: Date): Promise<number> {
  const deleted = await db
    .delete(runs)
    .where(lt(runs.createdAt, before))
    .returning({ id: runs.id });
  return deleted.length;
}
