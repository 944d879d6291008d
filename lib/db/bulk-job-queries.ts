import { and, asc, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Database } from "./connection";
import {
  bulkJobRows as rows,
  bulkJobs as jobs,
  type BulkJobRecord,
  type BulkJobRowRecord,
  type BulkPauseReason,
  type BulkRowState,
} from "./schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (id: string) => UUID.test(id);

export type NewBulkJob = {
  ownerOid: string;
  ownerName?: string | null;
  ownerUpn?: string | null;
  fileName: string;
  format: string;
  headers: string[];
  totalRows: number;
};

export type NewBulkRow = {
  rowNumber: number;
  cells: string[];
  email: string;
  /** The POST /invitations body; absent for a skipped row. */
  request: Record<string, unknown> | null;
  state: "queued" | "skipped";
  errorCode?: string | null;
  errorMessage?: string | null;
};

export type RowOutcome = {
  state: "succeeded" | "failed";
  invitationId?: string | null;
  guestUserId?: string | null;
  redeemUrl?: string | null;
  graphStatus?: string | null;
  requestId?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
};

export type BulkJobCounts = Record<BulkRowState, number>;

export type BulkJobProgress = {
  counts: BulkJobCounts;
  /** Rows finished (sent or failed) in the last `rateWindowSeconds`, for an estimate of time left. */
  recentlyFinished: number;
  rateWindowSeconds: number;
};

const RATE_WINDOW_SECONDS = 20;

const leaseFree = () => or(isNull(jobs.leaseOwner), sql`${jobs.leaseExpiresAt} <= now()`);
const inMs = (ms: number) => sql`now() + (${ms}::double precision * interval '1 millisecond')`;
const agoMs = (ms: number) => sql`now() - (${ms}::double precision * interval '1 millisecond')`;

export async function createJob(db: Database, job: NewBulkJob): Promise<BulkJobRecord> {
  const [created] = await db
    .insert(jobs)
    .values({ ...job, ownerName: job.ownerName ?? null, ownerUpn: job.ownerUpn ?? null })
    .returning();
  if (!created) throw new Error("no row returned");
  return created;
}

/** Adds rows to a draft job; a row number already there is left as it is, so a repeated batch is harmless. */
export async function addRows(db: Database, jobId: string, batch: NewBulkRow[]): Promise<number> {
  if (batch.length === 0 || !isUuid(jobId)) return 0;
  const inserted = await db
    .insert(rows)
    .values(
      batch.map((row) => ({
        jobId,
        rowNumber: row.rowNumber,
        cells: row.cells,
        email: row.email,
        request: row.request,
        state: row.state,
        errorCode: row.errorCode ?? null,
        errorMessage: row.errorMessage ?? null,
      })),
    )
    .onConflictDoNothing({ target: [rows.jobId, rows.rowNumber] })
    .returning({ id: rows.id });
  return inserted.length;
}

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
): Promise<BulkJobRecord | undefined> {
  if (!isUuid(jobId)) return undefined;
  // A pause for sign-in never overrides the person's own pause.
  const [paused] = await db
    .update(jobs)
    .set({ status: "paused", pauseReason: reason, updatedAt: sql`now()` })
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
    .set({ status: "running", pauseReason: null, updatedAt: sql`now()` })
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
  page: { offset: number; limit: number; states?: BulkRowState[] },
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

// ---- the worker's side ----

/** Running jobs no live worker holds, oldest first. */
export async function runnableJobs(db: Database): Promise<BulkJobRecord[]> {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, "running"), leaseFree()))
    .orderBy(asc(jobs.createdAt))
    .limit(50);
}

/** Takes (or renews) the job's lease for `owner`; only one worker at a time can hold it. */
export async function claimJob(
  db: Database,
  jobId: string,
  owner: string,
  leaseMs: number,
): Promise<BulkJobRecord | undefined> {
  if (!isUuid(jobId)) return undefined;
  const [claimed] = await db
    .update(jobs)
    .set({ leaseOwner: owner, leaseExpiresAt: inMs(leaseMs) })
    .where(
      and(
        eq(jobs.id, jobId),
        eq(jobs.status, "running"),
        or(leaseFree(), eq(jobs.leaseOwner, owner)),
      ),
    )
    .returning();
  return claimed;
}

export async function releaseJob(db: Database, jobId: string, owner: string): Promise<void> {
  await db
    .update(jobs)
    .set({ leaseOwner: null, leaseExpiresAt: null })
    .where(and(eq(jobs.id, jobId), eq(jobs.leaseOwner, owner)));
}

/**
 * Moves the next due queued row to `sending`, committed before any request is made, and only while
 * `owner` holds a live lease on a running job: a worker that lost its lease cannot send.
 */
export async function claimNextRow(
  db: Database,
  jobId: string,
  owner: string,
): Promise<BulkJobRowRecord | undefined> {
  // Both drivers answer a raw statement with { rows }.
  const result = (await db.execute(sql`
    update ${rows} set state = 'sending', sending_at = now(), attempt_count = attempt_count + 1
    where ${rows.id} = (
      select r.id from ${rows} r
      where r.job_id = ${jobId} and r.state = 'queued' and (r.not_before is null or r.not_before <= now())
      order by r.row_number
      limit 1
      for update skip locked
    )
    and exists (
      select 1 from ${jobs} j
      where j.id = ${jobId} and j.status = 'running' and j.lease_owner = ${owner} and j.lease_expires_at > now()
    )
    returning ${rows.id}`)) as unknown as { rows: { id?: string }[] };
  const id = result.rows[0]?.id;
  if (!id) return undefined;
  const [row] = await db.select().from(rows).where(eq(rows.id, id));
  return row;
}

/** Milliseconds until the earliest throttled row is due; undefined when no row is waiting. */
export async function nextDueInMs(db: Database, jobId: string): Promise<number | undefined> {
  const [next] = await db
    .select({
      ms: sql<number>`greatest(0, extract(epoch from (min(${rows.notBefore}) - now())) * 1000)::int`,
      queued: sql<number>`count(*)::int`,
    })
    .from(rows)
    .where(and(eq(rows.jobId, jobId), eq(rows.state, "queued")));
  if (!next || Number(next.queued) === 0) return undefined;
  return next.ms === null ? 0 : Number(next.ms);
}

export async function setRowHistory(db: Database, rowId: string, historyId: string): Promise<void> {
  await db.update(rows).set({ historyId }).where(eq(rows.id, rowId));
}

export async function completeRow(
  db: Database,
  rowId: string,
  outcome: RowOutcome,
): Promise<BulkJobRowRecord | undefined> {
  const [completed] = await db
    .update(rows)
    .set({
      state: outcome.state,
      invitationId: outcome.invitationId ?? null,
      guestUserId: outcome.guestUserId ?? null,
      redeemUrl: outcome.redeemUrl ?? null,
      graphStatus: outcome.graphStatus ?? null,
      requestId: outcome.requestId ?? null,
      errorCode: outcome.errorCode ?? null,
      errorMessage: outcome.errorMessage ?? null,
      completedAt: sql`now()`,
    })
    .where(and(eq(rows.id, rowId), eq(rows.state, "sending")))
    .returning();
  return completed;
}

/** Graph refused without acting (throttled): the row goes back to the queue until `delayMs` from now. */
export async function requeueRow(
  db: Database,
  rowId: string,
  delayMs: number,
  last: { errorCode?: string | null; requestId?: string | null } = {},
): Promise<void> {
  await db
    .update(rows)
    .set({
      state: "queued",
      notBefore: inMs(delayMs),
      sendingAt: null,
      errorCode: last.errorCode ?? null,
      requestId: last.requestId ?? null,
    })
    .where(and(eq(rows.id, rowId), eq(rows.state, "sending")));
}

/** Rows left in `sending` for longer than `olderThanMs`: their worker died or lost its answer. */
export async function strandedRows(
  db: Database,
  jobId: string,
  olderThanMs: number,
): Promise<BulkJobRowRecord[]> {
  return db
    .select()
    .from(rows)
    .where(
      and(eq(rows.jobId, jobId), eq(rows.state, "sending"), lt(rows.sendingAt, agoMs(olderThanMs))),
    )
    .orderBy(asc(rows.rowNumber));
}

/** A running job with nothing queued or being sent is completed. */
export async function finishIfDone(db: Database, jobId: string): Promise<boolean> {
  const [finished] = await db
    .update(jobs)
    .set({
      status: "completed",
      finishedAt: sql`now()`,
      updatedAt: sql`now()`,
      leaseOwner: null,
      leaseExpiresAt: null,
    })
    .where(
      and(
        eq(jobs.id, jobId),
        eq(jobs.status, "running"),
        sql`not exists (select 1 from ${rows} where ${rows.jobId} = ${jobId} and ${rows.state} in ('queued', 'sending'))`,
      ),
    )
    .returning({ id: jobs.id });
  return finished !== undefined;
}
