import type { Invitation } from "@microsoft/microsoft-graph-types";
import type { Caller } from "@/lib/auth/caller";
import type { BulkJobRecord, BulkJobRowRecord, InvitationStore } from "@/lib/db";
import type { SentInvitation } from "@/lib/graph/invitations";
import { afterPostFailure } from "@/lib/graph/repeat-rules";
import {
  failureOf,
  outcomeOfRecord,
  outcomeOfSent,
  recordFailed,
  recordSucceeded,
} from "@/lib/invitations/attempt-outcome";
import { ambiguousSendOf, attemptOf } from "@/lib/invitations/recorded-send";
import {
  settleOutcome,
  type AmbiguousSend,
  type SettleGraph,
  type Settlement,
} from "@/lib/invitations/settle-outcome";
import { completeSettledRow, type MailLookup } from "./recover-stranded";
import { rowGroupsJoiner } from "./row-groups";
import type { TokenVault } from "./token-vault";

export type RowSender = {
  store: InvitationStore;
  vault: TokenVault;
  send: (caller: Caller, request: Invitation) => Promise<SentInvitation>;
  /** Asks Graph for users by mail, to settle a send whose answer was lost. */
  lookup: MailLookup;
  /**
   * The owner's token was refused: the job pauses until they sign in again (with `claims`, when
   * Conditional Access asked for a stronger sign-in).
   */
  onSignInNeeded: (claims?: string) => void;
};

/**
 * Sends one row the worker moved to `sending`, and records it twice: in the row, and in the history
 * as an entry of kind `bulk` (one per row, key `bulk:<row id>`, reused when the row goes again).
 */
export async function sendRow(
  sender: RowSender,
  job: BulkJobRecord,
  row: BulkJobRowRecord,
  caller: Caller,
): Promise<void> {
  const { store } = sender;
  const request = (row.request ?? {}) as Invitation;
  const owner = { oid: job.ownerOid, name: job.ownerName, upn: job.ownerUpn };
  // A reminder is a resend to an existing guest (lib/pending/relink.ts), recorded as one.
  const reminder = job.kind === "remind";
  const attempt = attemptOf(reminder ? "resend" : "bulk", owner, request, {
    idempotencyKey: `${reminder ? "remind" : "bulk"}:${row.id}`,
    guestEmail: row.email,
    ...(row.guestUserId ? { guestUserId: row.guestUserId } : {}),
    ...(reminder && row.cells[1] ? { guestDisplayName: row.cells[1] } : {}),
  });
  // The job's lease allows one sender per row, so a pending entry for it was left by a dead worker.
  const begun = await store.beginAttempt(attempt, { staleAfterMs: 0 });
  const joinGroups = rowGroupsJoiner(store, job, caller);
  if (begun.state === "succeeded") {
    // Sent and recorded before a crash, but the row was not updated: take the recorded outcome.
    await joinGroups(row, begun.attempt.id, begun.attempt.guestUserId ?? null);
    await store.jobs.completeRow(row.id, { state: "succeeded", ...outcomeOfRecord(begun.attempt) });
    return;
  }
  const historyId = begun.attempt.id;
  await store.jobs.setRowHistory(row.id, historyId);

  const startedAt = Date.now();
  let sent: SentInvitation;
  try {
    sent = await sender.send(caller, request);
  } catch (error) {
    if (afterPostFailure(error).step === "settle")
      await settleRow(
        sender,
        job,
        row,
        historyId,
        caller,
        ambiguousSendOf(attempt, startedAt),
        request,
      );
    else await settleFailure(sender, row, historyId, caller, error);
    return;
  }
  const outcome = outcomeOfSent(sent);
  // Memberships before the row is marked: a crash in between leaves the row to recovery, which adds
  // what is missing (never what was recorded).
  await joinGroups(row, historyId, outcome.guestUserId ?? null);
  await store.jobs.completeRow(row.id, { state: "succeeded", ...outcome });
  await recordSucceeded(store, historyId, outcome);
}

/** What the row does after a failed POST, by the rules in lib/graph/repeat-rules.ts. */
async function settleFailure(
  sender: RowSender,
  row: BulkJobRowRecord,
  historyId: string,
  caller: Caller,
  error: unknown,
): Promise<void> {
  const { store } = sender;
  const next = afterPostFailure(error);
  await recordFailed(store, historyId, error);
  const failure = failureOf(error);
  switch (next.step) {
    case "resend":
      await store.jobs.requeueRow(row.id, next.afterMs, {
        errorCode: failure.errorCode,
        requestId: failure.requestId,
      });
      return;
    case "sign_in":
      // Refused before anything was sent: the row waits for the owner's new token. A token that met
      // a claims challenge would meet it again, so it is refused too until the stronger sign-in.
      sender.vault.refuse(caller);
      sender.onSignInNeeded(next.claims);
      await store.jobs.requeueRow(row.id, 0, {
        errorCode: next.claims ? "claims_challenge" : "session_expired",
      });
      return;
    case "settle":
    case "final":
      await store.jobs.completeRow(row.id, { state: "failed", ...failure });
      return;
  }
}

/**
 * The POST lost its answer: Graph is asked what happened (lib/invitations/settle-outcome.ts, the same
 * rule as every other send). If Graph cannot be asked, the row stays in `sending` and is settled later
 * as a stranded row (recover-stranded.ts).
 */
async function settleRow(
  sender: RowSender,
  job: BulkJobRecord,
  row: BulkJobRowRecord,
  historyId: string,
  caller: Caller,
  send: AmbiguousSend,
  request: Invitation,
): Promise<void> {
  const graph: SettleGraph = {
    send: () => sender.send(caller, request),
    post: (silent) => sender.send(caller, silent),
    findByMail: (email) => sender.lookup(caller, [email]),
    readGuest: async () => undefined,
  };
  let settled: Settlement;
  try {
    settled = await settleOutcome(send, graph);
  } catch {
    return;
  }
  await completeSettledRow(
    sender.store,
    row,
    historyId,
    settled,
    rowGroupsJoiner(sender.store, job, caller),
  );
}
