import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { finishIfDone } from "./bulk-queue-queries";
import type {
  BulkJobCounts,
  BulkJobProgress,
  BulkJobRecord,
  BulkJobRowRecord,
  BulkPauseReason,
  BulkRowPage,
} from "./bulk-types";
import type { Database } from "./connection";
import { isUuid } from "./is-uuid";
import { bulkJobRows as rows, bulkJobs as jobs } from "./schema";

// A job's life as its owner drives it through the bulk actions; the worker's side is bulk-queue-queries.ts.

const RATE_WINDOW_SECONDS = 20;

/** Lower-cased addresses of the job's queued rows with their row numbers, to find duplicates across batches. */
export async function queuedAddresses(db: Database, jobId: string): Promise<Map<string, number>> {
  if (!isUuid(jobId)) return new Map();
  const found = await db
    .select({ email: rows.email, rowNumber: rows.rowNumber })
    .from(rows)
    .where(and(eq(rows.jobId, jobId), eq(rows.state, "queued")))
    .orderBy(asc(rows.rowNumber));
  const map = new Map<string, number>();
  for (const row of found) if (!map.has(row.email)) map.set(row.email, row.rowNumber);
  return map;
}

export async function getJob(db: Database, jobId: string): Promise<BulkJobRecord | undefined> {
  if (!isUuid(jobId)) return undefined;
  const [job] = await db.select().from(jobs).where(eq(jobs.id, jobId));
  return job;
}

export async function listJobs(
  db: Database,
  filter: { ownerOid?: string; limit: number },
): Promise<BulkJobRecord[]> {
  return db
    .select()
    .from(jobs)
    .where(
      and(
        sql`${jobs.status} <> 'draft'`,
        filter.ownerOid ? eq(jobs.ownerOid, filter.ownerOid) : undefined,
      ),
    )
    .orderBy(desc(jobs.createdAt))
    .limit(filter.limit);
}

/** A draft whose rows have all arrived starts running; anything else stays as it is. */
export async function startJob(db: Database, jobId: string): Promise<BulkJobRecord | undefined> {
  if (!isUuid(jobId)) return undefined;
  const [started] = await db
    .update(jobs)
    .set({ status: "running", startedAt: sql`now()`, updatedAt: sql`now()` })
    .where(
      and(
        eq(jobs.id, jobId),
        eq(jobs.status, "draft"),
        sql`${jobs.totalRows} = (select count(*) from ${rows} where ${rows.jobId} = ${jobs.id})`,
      ),
    )
    .returning();
  if (started) await finishIfDone(db, jobId);
  return started;
}

export async function pauseJob(
  db: Database,
  jobId: string,
  reason: BulkPauseReason,
  signInClaims?: string,
): Promise<BulkJobRecord | undefined> {
  if (!isUuid(jobId)) return undefined;
  // A pause for sign-in never overrides the person's own pause.
  const [paused] = await db
    .update(jobs)
    .set({
      status: "paused",
      pauseReason: reason,
      signInClaims: reason === "sign_in" ? (signInClaims ?? null) : null,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        eq(jobs.id, jobId),
        reason === "user"
          ? inArray(jobs.status, ["running", "paused"])
          : eq(jobs.status, "running"),
      ),
    )
    .returning();
  return paused;
}

/** `onlyReason`: resume only a job paused for that reason (a fresh token resumes a sign-in pause). */
export async function resumeJob(
  db: Database,
  jobId: string,
  onlyReason?: BulkPauseReason,
): Promise<BulkJobRecord | undefined> {
  if (!isUuid(jobId)) return undefined;
  const [resumed] = await db
    .update(jobs)
    .set({ status: "running", pauseReason: null, signInClaims: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(jobs.id, jobId),
        eq(jobs.status, "paused"),
        onlyReason ? eq(jobs.pauseReason, onlyReason) : undefined,
      ),
    )
    .returning();
  return resumed;
}

/** Cancels a job: rows not yet sent are never sent; a row being sent finishes and is recorded. */
export async function cancelJob(db: Database, jobId: string): Promise<BulkJobRecord | undefined> {
  if (!isUuid(jobId)) return undefined;
  return db.transaction(async (tx) => {
    const [cancelled] = await tx
      .update(jobs)
      .set({
        status: "cancelled",
        pauseReason: null,
        updatedAt: sql`now()`,
        finishedAt: sql`now()`,
      })
      .where(and(eq(jobs.id, jobId), inArray(jobs.status, ["running", "paused", "draft"])))
      .returning();
    if (cancelled) {
      await tx
        .update(rows)
        .set({ state: "cancelled", completedAt: sql`now()` })
        .where(and(eq(rows.jobId, jobId), eq(rows.state, "queued")));
    }
    return cancelled;
  });
}

export async function jobProgress(db: Database, jobId: string): Promise<BulkJobProgress> {
  const counts: BulkJobCounts = {
    queued: 0,
    sending: 0,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    cancelled: 0,
  };
  if (!isUuid(jobId))
    return { counts, recentlyFinished: 0, rateWindowSeconds: RATE_WINDOW_SECONDS };
  const grouped = await db
    .select({
      state: rows.state,
      count: sql<number>`count(*)::int`,
      recent: sql<number>`(count(*) filter (where ${rows.completedAt} > now() - (${RATE_WINDOW_SECONDS} * interval '1 second')))::int`,
    })
    .from(rows)
    .where(eq(rows.jobId, jobId))
    .groupBy(rows.state);
  let recentlyFinished = 0;
  for (const group of grouped) {
    counts[group.state] = Number(group.count);
    if (group.state === "succeeded" || group.state === "failed")
      recentlyFinished += Number(group.recent);
  }
  return { counts, recentlyFinished, rateWindowSeconds: RATE_WINDOW_SECONDS };
}

export async function listRows(
  db: Database,
  jobId: string,
  page: BulkRowPage,
): Promise<{ rows: BulkJobRowRecord[]; total: number }> {
  if (!isUuid(jobId)) return { rows: [], total: 0 };
  const where = and(
    eq(rows.jobId, jobId),
    page.states && page.states.length > 0 ? inArray(rows.state, page.states) : undefined,
  );
  const [found, [total]] = await Promise.all([
    db
      .select()
      .from(rows)
      .where(where)
      .orderBy(asc(rows.rowNumber))
      .offset(page.offset)
      .limit(page.limit),
    db
      .select({ count: sql<number>`count(*)::int` })
      .from(rows)
      .where(where),
  ]);
  return { rows: found, total: Number(total?.count ?? 0) };
}
