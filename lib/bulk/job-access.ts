import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { overseesAllInvitations } from "@/lib/auth/caller-roles";
import { getStore, type BulkJobRecord, type InvitationStore } from "@/lib/db";
import { ActionFailure } from "@/lib/server-action/action-failure";
import { ensureBulkWorker } from "./worker";

/**
 * The job, if the caller may see it (its owner, or someone who oversees everyone's invitations) or
 * control it (its owner only). Someone else's job answers like a missing one.
 */
export async function jobFor(
  caller: Caller,
  jobId: string,
  access: "view" | "control",
): Promise<{ store: InvitationStore; job: BulkJobRecord }> {
  const store = await getStore();
  const job = await store.jobs.getJob(jobId);
  const allowed =
    job &&
    (job.ownerOid === caller.oid || (access === "view" && (await overseesAllInvitations(caller))));
  if (!job || !allowed) throw new ActionFailure("forbidden");
  return { store, job };
}

/** The owner's browser brings a fresh token with every poll; the worker keeps it in memory only. */
export async function refreshOwnerToken(caller: Caller, job: BulkJobRecord): Promise<void> {
  if (job.ownerOid !== caller.oid) return;
  const worker = await ensureBulkWorker();
  const accepted = worker.vault.put(caller);
  if (accepted && job.status === "paused" && job.pauseReason === "sign_in") {
    await (await getStore()).jobs.resumeJob(job.id, "sign_in");
  }
  worker.wake();
}
