import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { overseesAllInvitations } from "@/lib/auth/caller-roles";
import { getStore } from "@/lib/db";
import { jobFor, refreshOwnerToken } from "./job-access";
import type { RowsPageInput } from "./job-input";
import {
  estimateSecondsLeft,
  summarizeJob,
  viewRow,
  type BulkJobProgressView,
  type BulkJobResults,
  type BulkJobSummary,
  type BulkRowView,
} from "./job-view";
import { MAX_BULK_ROWS } from "./limits";
import { rowGroupOutcomes } from "./row-groups";

// What a job has done so far, for its owner and for those who oversee everyone's invitations.

const JOBS_LISTED = 50;

/** Counts and time left; from the owner, also the fresh token the worker acts with. */
export async function jobProgress(caller: Caller, jobId: string): Promise<BulkJobProgressView> {
  const { store, job } = await jobFor(caller, jobId, "view");
  await refreshOwnerToken(caller, job);
  const current = (await store.jobs.getJob(job.id)) ?? job;
  const progress = await store.jobs.progress(job.id);
  return {
    job: summarizeJob(current, caller.oid),
    counts: progress.counts,
    etaSeconds: estimateSecondsLeft(current, progress),
  };
}

export async function jobRowsPage(
  caller: Caller,
  { jobId, offset, limit, states }: RowsPageInput,
): Promise<{ total: number; rows: BulkRowView[] }> {
  const { store, job } = await jobFor(caller, jobId, "view");
  const page = await store.jobs.listRows(job.id, { offset, limit, ...(states ? { states } : {}) });
  const groups = await rowGroupOutcomes(store, job.id, page.rows);
  return {
    total: page.total,
    rows: page.rows.map((row) => viewRow(row, true, groups.get(row.id))),
  };
}

/** Every row with its original cells, for the results file the browser builds. */
export async function jobResults(caller: Caller, jobId: string): Promise<BulkJobResults> {
  const { store, job } = await jobFor(caller, jobId, "view");
  const { rows } = await store.jobs.listRows(job.id, { offset: 0, limit: MAX_BULK_ROWS });
  const groups = await rowGroupOutcomes(store, job.id, rows);
  return {
    fileName: job.fileName,
    headers: job.headers,
    rows: rows.map((row) => ({ cells: row.cells, ...viewRow(row, true, groups.get(row.id)) })),
  };
}

/** The caller's latest jobs, or everyone's for those who oversee all invitations. */
export async function jobsFor(caller: Caller): Promise<BulkJobSummary[]> {
  const everyone = await overseesAllInvitations(caller);
  const jobs = await (
    await getStore()
  ).jobs.listJobs({ limit: JOBS_LISTED, ...(everyone ? {} : { ownerOid: caller.oid }) });
  return jobs.map((job) => summarizeJob(job, caller.oid));
}
