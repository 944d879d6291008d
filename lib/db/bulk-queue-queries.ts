import { and, asc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { BulkJobRecord, BulkJobRowRecord, RowOutcome } from "./bulk-types";
import type { Database } from "./connection";
import { isUuid } from "./is-uuid";
import { bulkJobRows as rows, bulkJobs as jobs } from "./schema";

// The worker's side of a job: leases, the queue of rows and their outcomes.

const leaseFree = () => or(isNull(jobs.leaseOwner), sql`${jobs.leaseExpiresAt} <= now()`);
const inMs = (ms: number) => sql`now() + (${ms}::double precision * interval '1 millisecond')`;
const agoMs = (ms: number) => sql`now() - (${ms}::double precision * interval '1 millisecond')`;

/** Running jobs no live worker holds, oldest first. */
export async function runnableJobs(db: Database): Promise<BulkJobRecord[]> {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.status, "running"), leaseFree()))
    .orderBy(asc(jobs.createdAt))
    .limit(50);
}

/**
 * Milliseconds until the first lease another worker holds on a running job runs out; undefined when
 * there is none. A worker waits that long, not a whole scan, before looking again, so a job whose
 * holder died is taken over as its lease ends (docs/deploy.md#shutdown).
 */
export async function nextLeaseEndInMs(db: Database, owner: string): Promise<number | undefined> {
  const [next] = await db
    .select({
      ms: sql<number | null>`extract(epoch from (min(${jobs.leaseExpiresAt}) - now())) * 1000`,
    })
    .from(jobs)
    .where(
      and(
        eq(jobs.status, "running"),
        sql`${jobs.leaseOwner} is not null and ${jobs.leaseOwner} <> ${owner}`,
        sql`${jobs.leaseExpiresAt} > now()`,
      ),
    );
  return next?.ms === null || next?.ms === undefined ? undefined : Math.max(0, Number(next.ms));
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
 * Moves the next due queued rows (up to `limit`) to `sending`, committed before any request is made,
 * and only while `owner` holds a live lease on a running job: a worker that lost its lease cannot send.
 */
export async function claimNextRows(
  db: Database,
  jobId: string,
  owner: string,
  limit: number,
): Promise<BulkJobRowRecord[]> {
  // One statement claims a batch: claiming one row per round trip kept a job's first burst
  // to about 75 rows a second (bench:scale, docs/performance.md#bulk-pace).
  // Both drivers answer a raw statement with { rows }.
  const result = (await db.execute(sql`
    update ${rows} set state = 'sending', sending_at = now(), attempt_count = attempt_count + 1
    where ${rows.id} in (
      select r.id from ${rows} r
      where r.job_id = ${jobId} and r.state = 'queued' and (r.not_before is null or r.not_before <= now())
      order by r.row_number
      limit ${Math.max(1, Math.floor(limit))}
      for update skip locked
    )
    and exists (
      select 1 from ${jobs} j
      where j.id = ${jobId} and j.status = 'running' and j.lease_owner = ${owner} and j.lease_expires_at > now()
    )
    returning ${rows.id}`)) as unknown as { rows: { id?: string }[] };
  const ids = result.rows.flatMap((row) => (row.id ? [row.id] : []));
  if (ids.length === 0) return [];
  return db.select().from(rows).where(inArray(rows.id, ids)).orderBy(asc(rows.rowNumber));
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
