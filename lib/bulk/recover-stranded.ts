import { setTimeout as sleep } from "node:timers/promises";
import type { Invitation } from "@microsoft/microsoft-graph-types";
import type { Caller } from "@/lib/auth/caller";
import type { BulkJobRowRecord, InvitationStore } from "@/lib/db";
import type { SentInvitation } from "@/lib/graph/invitations";
import { afterNotSent } from "@/lib/graph/repeat-rules";
import type { DirectoryMatch } from "@/lib/graph/users-by-mail";
import {
  outcomeOfSettled,
  recordOutcome,
  recordSettledSent,
} from "@/lib/invitations/attempt-outcome";
import { settleOutcome, type Settlement } from "@/lib/invitations/settle-outcome";
import { logger } from "@/lib/observability/logger";
import type { RowGroupsJoiner } from "./row-groups";

const LOOKUP_FAILED_WAIT_MS = 2_000;

export type MailLookup = (caller: Caller, addresses: string[]) => Promise<DirectoryMatch[]>;
export type RowSend = (caller: Caller, request: Invitation) => Promise<SentInvitation>;

/**
 * Rows left in `sending` by a worker that died, or by a POST whose answer was lost and that Graph
 * could not be asked about at once, are ambiguous: the POST may or may not have reached Graph. They
 * are settled by the same rule as every send (lib/invitations/settle-outcome.ts), with one lookup for
 * all of them: sent → succeeded (`outcome_recovered`, with a link from a silent re-invitation); not
 * sent → queued again; a user that existed before → `failed` / `outcome_unknown`, the person decides.
 */
export async function recoverStranded(
  store: InvitationStore,
  rows: BulkJobRowRecord[],
  caller: Caller,
  lookup: MailLookup,
  send: RowSend,
  joinGroups?: RowGroupsJoiner,
): Promise<void> {
  let matches: DirectoryMatch[];
  try {
    matches = await lookup(
      caller,
      rows.map((row) => row.email),
    );
  } catch (error) {
    logger().error({ err: error }, "bulk worker could not check stranded rows");
    await sleep(LOOKUP_FAILED_WAIT_MS);
    return;
  }
  for (const row of rows) {
    const request = (row.request ?? {}) as Invitation;
    const settled = await settleOutcome(
      {
        kind: "bulk",
        email: row.email,
        redirectUrl: request.inviteRedirectUrl ?? "",
        sendInvitationMessage: request.sendInvitationMessage === true,
        guestUserId: null,
        startedAt: (row.sendingAt ?? new Date(0)).getTime(),
      },
      {
        send: () => send(caller, request),
        post: (silent) => send(caller, silent),
        findByMail: async () => matches,
        readGuest: async () => undefined,
      },
    );
    await completeSettledRow(store, row, row.historyId, settled, joinGroups);
  }
}

/** Records a settled row in the row and in the history. */
export async function completeSettledRow(
  store: InvitationStore,
  row: BulkJobRowRecord,
  historyId: string | null,
  settled: Settlement,
  joinGroups?: RowGroupsJoiner,
): Promise<void> {
  const jobs = store.jobs;
  if (settled.outcome === "sent") {
    const outcome = outcomeOfSettled(settled);
    await joinGroups?.(row, historyId, outcome.guestUserId ?? null);
    await jobs.completeRow(row.id, {
      state: "succeeded",
      ...outcome,
      errorCode: "outcome_recovered",
    });
    if (historyId) await recordSettledSent(store, historyId, outcome);
    return;
  }
  if (settled.outcome === "unknown") {
    await jobs.completeRow(row.id, {
      state: "failed",
      guestUserId: settled.guestUserId,
      errorCode: "outcome_unknown",
    });
    if (historyId)
      await recordOutcome(store, historyId, {
        outcome: "failed",
        guestUserId: settled.guestUserId,
        errorCode: "outcome_unknown",
      });
    return;
  }
  if (historyId)
    await recordOutcome(store, historyId, { outcome: "failed", errorCode: "not_sent" });
  const next = afterNotSent(row.attemptCount);
  if (next.step === "resend")
    await jobs.requeueRow(row.id, next.afterMs, { errorCode: "not_sent" });
  else await jobs.completeRow(row.id, { state: "failed", errorCode: "not_sent" });
}
