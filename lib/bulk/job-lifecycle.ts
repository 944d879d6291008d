import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { getServerConfig } from "@/lib/config/server-config";
import { getStore, hasErrorCode, type DraftRefusal } from "@/lib/db";
import { ActionFailure } from "@/lib/server-action/action-failure";
import { jobFor } from "./job-access";
import type { JobRowsInput, NewJobInput } from "./job-input";
import { groupVerdictsFor } from "@/lib/groups/bulk-row-groups";
import { mapColumns } from "./columns";
import { prepareRows } from "./job-rows";
import { groupIdsOf } from "./row-values";
import { DRAFT_EXPIRY_MS, MAX_BULK_FILE_BYTES, MAX_DRAFTS_PER_PERSON } from "./limits";
import { summarizeJob, type BulkJobSummary } from "./job-view";
import { ensureBulkWorker } from "./worker";

// A job as its owner drives it: a draft, its rows in batches, then start, pause, resume or cancel.

export type JobChange = "pause" | "resume" | "cancel";

function refuseDraft(error: unknown): never {
  if (!hasErrorCode(error, "draft_refused")) throw error;
  const reason = (error as { reason?: DraftRefusal }).reason;
  throw new ActionFailure(reason === "too_many_drafts" ? "too_many_drafts" : "validation");
}

/** Starts a draft job for a file; its rows follow with addDraftRows, then startJob. */
export async function createDraftJob(
  caller: Caller,
  input: NewJobInput,
): Promise<{ jobId: string }> {
  const job = await (
    await getStore()
  ).jobs
    .createJob(
      {
        ownerOid: caller.oid,
        ownerName: caller.name || null,
        ownerUpn: caller.upn || null,
        ...input,
      },
      { maxDrafts: MAX_DRAFTS_PER_PERSON, expireAfterMs: DRAFT_EXPIRY_MS },
    )
    .catch(refuseDraft);
  return { jobId: job.id };
}

/** Adds a batch of rows to the caller's draft; the server checks every row again. */
export async function addDraftRows(
  caller: Caller,
  { jobId, rows }: JobRowsInput,
): Promise<{ added: number; queued: number }> {
  const { store, job } = await jobFor(caller, jobId, "control");
  if (job.status !== "draft") throw new ActionFailure("validation");
  const seen = await store.jobs.queuedAddresses(job.id);
  const format = job.format === "admin_center" ? "admin_center" : "simple";
  // The groups the rows name, checked for the owner before anything is stored or sent.
  const groupColumn = mapColumns(job.headers, format).groups;
  const groupIds =
    groupColumn === undefined
      ? []
      : rows.flatMap((row) => groupIdsOf(row.cells[groupColumn] ?? ""));
  const prepared = prepareRows(
    rows,
    { headers: job.headers, format },
    {
      defaultRedirectUrl: getServerConfig().defaultRedirectUrl,
      localTenant: getServerConfig().localTenantUrl !== undefined,
    },
    seen,
    await groupVerdictsFor(caller, groupIds),
  );
  const added = await store.jobs
    .addRows(job.id, prepared, { maxBytes: MAX_BULK_FILE_BYTES })
    .catch(refuseDraft);
  return { added, queued: prepared.filter((row) => row.state === "queued").length };
}

/** A draft whose rows have all arrived starts; the worker acts with the caller's token. */
export async function startJob(caller: Caller, jobId: string): Promise<BulkJobSummary> {
  const { store, job } = await jobFor(caller, jobId, "control");
  const worker = await ensureBulkWorker();
  worker.vault.put(caller);
  const started = await store.jobs.startJob(job.id);
  if (!started) throw new ActionFailure("validation");
  worker.wake();
  return summarizeJob(started, caller.oid);
}

/** Pauses, resumes or cancels the caller's own job; a job in another state stays as it is. */
export async function changeJob(
  caller: Caller,
  jobId: string,
  change: JobChange,
): Promise<BulkJobSummary> {
  const { store, job } = await jobFor(caller, jobId, "control");
  const worker = await ensureBulkWorker();
  if (change === "resume") worker.vault.put(caller);
  const changed =
    change === "pause"
      ? await store.jobs.pauseJob(job.id, "user")
      : change === "resume"
        ? await store.jobs.resumeJob(job.id)
        : await store.jobs.cancelJob(job.id);
  worker.wake();
  return summarizeJob(changed ?? job, caller.oid);
}
