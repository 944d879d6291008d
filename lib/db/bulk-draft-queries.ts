import { and, count, eq, lt, sql } from "drizzle-orm";
import type { BulkJobRecord, DraftLimits, NewBulkJob, NewBulkRow } from "./bulk-types";
import type { Database } from "./connection";
import { isUuid } from "./is-uuid";
import { bulkJobRows as rows, bulkJobs as jobs } from "./schema";
import { DraftRefusedError } from "./store-error";

// Drafts are written by any signed-in person before a job starts, so they are bounded: a number per
// person, an age after which they are removed, and rows and bytes no more than the file declared.

/** Removes drafts older than `olderThanMs` (their rows go with them); returns how many. */
export async function deleteExpiredDrafts(db: Database, olderThanMs: number): Promise<number> {
  const deleted = await db
    .delete(jobs)
    .where(
      and(
        eq(jobs.status, "draft"),
        lt(
          jobs.createdAt,
          sql`now() - (${olderThanMs}::double precision * interval '1 millisecond')`,
        ),
      ),
    )
    .returning({ id: jobs.id });
  return deleted.length;
}

/** A new draft, after sweeping expired ones; refused when the owner already has `maxDrafts`. */
export async function createJob(
  db: Database,
  job: NewBulkJob,
  limits?: DraftLimits,
): Promise<BulkJobRecord> {
  if (limits) await deleteExpiredDrafts(db, limits.expireAfterMs);
  return db.transaction(async (tx) => {
    if (limits) {
      // One owner's drafts are counted and created in turn, so two at once cannot pass the cap.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`drafts:${job.ownerOid}`}))`);
      const [drafts] = await tx
        .select({ total: count() })
        .from(jobs)
        .where(and(eq(jobs.ownerOid, job.ownerOid), eq(jobs.status, "draft")));
      if ((drafts?.total ?? 0) >= limits.maxDrafts) throw new DraftRefusedError("too_many_drafts");
    }
    const [created] = await tx
      .insert(jobs)
      .values({ ...job, ownerName: job.ownerName ?? null, ownerUpn: job.ownerUpn ?? null })
      .returning();
    if (!created) throw new Error("no row returned");
    return created;
  });
}

/**
 * Adds rows to a draft job; a row number already there is left as it is, so a repeated batch is
 * harmless. The batch is refused whole when the job would hold more rows than it declared, or more
 * than `maxBytes` of cells, or is no longer a draft.
 */
export async function addRows(
  db: Database,
  jobId: string,
  batch: NewBulkRow[],
  limits?: { maxBytes: number },
): Promise<number> {
  if (batch.length === 0 || !isUuid(jobId)) return 0;
  return db.transaction(async (tx) => {
    const [job] = await tx
      .select({ status: jobs.status, totalRows: jobs.totalRows })
      .from(jobs)
      .where(eq(jobs.id, jobId))
      .for("update");
    if (!job || job.status !== "draft") throw new DraftRefusedError("not_draft");
    const inserted = await tx
      .insert(rows)
      .values(
        batch.map((row) => ({
          jobId,
          rowNumber: row.rowNumber,
          cells: row.cells,
          email: row.email,
          request: row.request,
          state: row.state,
          guestUserId: row.guestUserId ?? null,
          groups: row.groups ?? null,
          errorCode: row.errorCode ?? null,
          errorMessage: row.errorMessage ?? null,
        })),
      )
      .onConflictDoNothing({ target: [rows.jobId, rows.rowNumber] })
      .returning({ id: rows.id });
    const [held] = await tx
      .select({
        rows: count(),
        // The cells' own bytes: jsonb's text adds two quotes and ", " (or the brackets) per cell.
        bytes: sql<string>`coalesce(sum(octet_length(${rows.cells}::text) - 4 * jsonb_array_length(${rows.cells})), 0)`,
      })
      .from(rows)
      .where(eq(rows.jobId, jobId));
    if ((held?.rows ?? 0) > job.totalRows) throw new DraftRefusedError("too_many_rows");
    if (limits && Number(held?.bytes ?? 0) > limits.maxBytes)
      throw new DraftRefusedError("too_large");
    return inserted.length;
  });
}
