import { setTimeout as sleep } from "node:timers/promises";
import type { Caller } from "@/lib/auth/caller";
import type { BulkJobRowRecord, InvitationStore } from "@/lib/db";
import type { DirectoryMatch } from "@/lib/graph/users-by-mail";
import { recordOutcome } from "@/lib/invitations/recorded-send";
import { logger } from "@/lib/observability/logger";

/** Graph's clock and ours may differ; a guest created this long before the row was sent still counts. */
const CLOCK_SKEW_MS = 5 * 60_000;
const LOOKUP_FAILED_WAIT_MS = 2_000;

export type MailLookup = (caller: Caller, addresses: string[]) => Promise<DirectoryMatch[]>;

/**
 * Rows left in `sending` by a worker that died, or by a POST that got no answer, are ambiguous: the
 * POST may or may not have reached Graph. They are resolved, not resent blindly: Graph is asked for a
 * user with that mail. One created after (or just before) the row started → the invitation went
 * through (recorded as sent, without its redeem link, which Graph returns only once). None → it never
 * arrived, and the row is queued again. A user that existed before → re-inviting would send a second
 * e-mail, so the row fails as `outcome_unknown` and the person decides.
 */
export async function recoverStranded(
  store: InvitationStore,
  rows: BulkJobRowRecord[],
  caller: Caller,
  lookup: MailLookup,
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
  for (const row of rows) await resolveRow(store, row, matches);
}

async function resolveRow(
  store: InvitationStore,
  row: BulkJobRowRecord,
  matches: DirectoryMatch[],
): Promise<void> {
  const jobs = store.jobs;
  const startedAt = (row.sendingAt ?? new Date(0)).getTime();
  const users = matches.filter((match) => match.mail === row.email);
  const created = users.find(
    (user) => user.createdDateTime && Date.parse(user.createdDateTime) >= startedAt - CLOCK_SKEW_MS,
  );
  const history = row.historyId;
  if (created) {
    await jobs.completeRow(row.id, {
      state: "succeeded",
      guestUserId: created.id,
      graphStatus: created.externalUserState,
      errorCode: "outcome_recovered",
    });
    if (history)
      await recordOutcome(store, history, {
        outcome: "succeeded",
        guestUserId: created.id,
        status: created.externalUserState,
      });
  } else if (users.length > 0) {
    await jobs.completeRow(row.id, {
      state: "failed",
      guestUserId: users[0]!.id,
      errorCode: "outcome_unknown",
    });
    if (history)
      await recordOutcome(store, history, { outcome: "failed", errorCode: "outcome_unknown" });
  } else {
    if (history) await recordOutcome(store, history, { outcome: "failed", errorCode: "not_sent" });
    await jobs.requeueRow(row.id, 0);
  }
}
