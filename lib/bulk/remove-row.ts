import type { Caller } from "@/lib/auth/caller";
import type { BulkJobRecord, BulkJobRowRecord, InvitationStore } from "@/lib/db";
import type { GuestChangeRecord } from "@/lib/db";
import { isNotFound } from "@/lib/graph/deleted-users";
import { afterNotSent, afterPostFailure } from "@/lib/graph/repeat-rules";
import { failureOf } from "@/lib/invitations/attempt-outcome";
import type { TokenVault } from "./token-vault";

export type UserWhereabouts = "live" | "deleted" | "gone";

export type RowRemover = {
  store: InvitationStore;
  vault: TokenVault;
  remove: (caller: Caller, userId: string) => Promise<{ requestId?: string }>;
  /** Asks Graph where the user is now, to settle a DELETE whose answer was lost. */
  where: (caller: Caller, userId: string) => Promise<UserWhereabouts>;
  onSignInNeeded: () => void;
};

/** The row's `guest_delete` change: the one left by an earlier try of this row, or a new one. */
async function changeFor(
  store: InvitationStore,
  job: BulkJobRecord,
  row: BulkJobRowRecord,
): Promise<GuestChangeRecord> {
  const actor = { oid: job.ownerOid, name: job.ownerName, upn: job.ownerUpn };
  const guestUserId = row.guestUserId ?? "";
  const [earlier] = await store.changes.list({
    jobId: job.id,
    guestUserId,
    kinds: ["guest_delete"],
    limit: 1,
  });
  if (earlier?.outcome === "pending") return earlier;
  if (earlier) {
    const again = await store.changes.retry(earlier.id, actor, { staleAfterMs: 0 });
    if (again) return again;
  }
  return store.changes.begin({
    kind: "guest_delete",
    actorOid: actor.oid,
    actorName: actor.name,
    actorUpn: actor.upn,
    guestUserId,
    guestEmail: row.email,
    guestDisplayName: row.cells[1] || null,
    jobId: job.id,
  });
}

/** Settles a row from where Graph says the user is: removed, not removed (may go again), or gone. */
export async function settleRemovalRow(
  store: InvitationStore,
  row: BulkJobRowRecord,
  changeId: string | null,
  whereabouts: UserWhereabouts,
): Promise<void> {
  if (whereabouts === "deleted") {
    await store.jobs.completeRow(row.id, {
      state: "succeeded",
      graphStatus: "Removed",
      errorCode: "outcome_recovered",
    });
    if (changeId) await store.changes.complete(changeId, { outcome: "succeeded" });
    return;
  }
  if (whereabouts === "gone") {
    const failure = {
      errorCode: "not_found",
      errorMessage: "The guest is no longer in the directory.",
    };
    await store.jobs.completeRow(row.id, { state: "failed", ...failure });
    if (changeId) await store.changes.complete(changeId, { outcome: "failed", ...failure });
    return;
  }
  // Still live: the DELETE did not act, so it may go again, a bounded number of times.
  const next = afterNotSent(row.attemptCount);
  const failure = { errorCode: "not_sent", errorMessage: "Graph did not remove the guest." };
  if (changeId) await store.changes.complete(changeId, { outcome: "failed", ...failure });
  if (next.step === "resend") await store.jobs.requeueRow(row.id, next.afterMs, failure);
  else await store.jobs.completeRow(row.id, { state: "failed", ...failure });
}

/**
 * Removes the guest of one row the worker moved to `sending`. The change is recorded `pending`
 * before the DELETE (store.changes, kind guest_delete, with the job id); a DELETE that may have acted
 * is never sent again blindly: Graph is asked where the user is (docs/graph-behaviour.md#removing-and-restoring-guests).
 */
export async function removeRow(
  remover: RowRemover,
  job: BulkJobRecord,
  row: BulkJobRowRecord,
  caller: Caller,
): Promise<void> {
  const { store } = remover;
  const userId = row.guestUserId;
  if (!userId) {
    await store.jobs.completeRow(row.id, { state: "failed", errorCode: "invalid" });
    return;
  }
  const change = await changeFor(store, job, row);
  try {
    const { requestId } = await remover.remove(caller, userId);
    await store.jobs.completeRow(row.id, {
      state: "succeeded",
      graphStatus: "Removed",
      guestUserId: userId,
      requestId: requestId ?? null,
    });
    await store.changes.complete(change.id, { outcome: "succeeded", requestId: requestId ?? null });
    return;
  } catch (error) {
    // 404: already gone (removed by someone else, or by this DELETE before its answer was lost).
    if (isNotFound(error) || afterPostFailure(error).step === "settle") {
      let whereabouts: UserWhereabouts;
      try {
        whereabouts = await remover.where(caller, userId);
      } catch {
        // Graph cannot be asked now: the row stays in `sending` and is settled as a stranded row.
        return;
      }
      await settleRemovalRow(store, row, change.id, whereabouts);
      return;
    }
    const next = afterPostFailure(error);
    const failure = failureOf(error);
    await store.changes.complete(change.id, { outcome: "failed", ...failure });
    switch (next.step) {
      case "resend":
        await store.jobs.requeueRow(row.id, next.afterMs, failure);
        return;
      case "sign_in":
        remover.vault.refuse(caller);
        remover.onSignInNeeded();
        await store.jobs.requeueRow(row.id, 0, { errorCode: "session_expired" });
        return;
      default:
        await store.jobs.completeRow(row.id, { state: "failed", ...failure });
    }
  }
}

/** Rows of a removal job left in `sending` by a worker that died: each settled by asking Graph. */
export async function recoverStrandedRemovals(
  remover: RowRemover,
  job: BulkJobRecord,
  rows: readonly BulkJobRowRecord[],
  caller: Caller,
): Promise<void> {
  for (const row of rows) {
    if (!row.guestUserId) continue;
    const whereabouts = await remover.where(caller, row.guestUserId);
    const [change] = await remover.store.changes.list({
      jobId: job.id,
      guestUserId: row.guestUserId,
      kinds: ["guest_delete"],
      outcome: "pending",
      limit: 1,
    });
    await settleRemovalRow(remover.store, row, change?.id ?? null, whereabouts);
  }
}
