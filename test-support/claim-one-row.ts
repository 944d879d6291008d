import type { BulkJobQueue } from "@/lib/db/bulk-job-store";

/** The next queued row for `owner`, one at a time: what the worker claims in batches. */
export async function claimOneRow(jobs: BulkJobQueue, jobId: string, owner: string) {
  const [row] = await jobs.claimNextRows(jobId, owner, 1);
  return row;
}
