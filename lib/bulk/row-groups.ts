import type { Caller } from "@/lib/auth/caller";
import type { BulkJobRecord, BulkJobRowRecord, InvitationStore } from "@/lib/db";
import {
  addGuestToGroups,
  membershipOf,
  type MembershipResult,
} from "@/lib/groups/group-memberships";
import type { RowGroupOutcome } from "./job-view";
import { logger } from "@/lib/observability/logger";

/** Adds a row's invited guest to the row's groups; never throws (the invitation stays succeeded). */
export type RowGroupsJoiner = (
  row: BulkJobRowRecord,
  historyId: string | null,
  guestUserId: string | null,
) => Promise<void>;

/**
 * After a row's invitation succeeded: each of its groups is the single invite's recorded step
 * (`store.changes`, kind `group_member_add`, with the job id and the row's history id). A group that
 * already has a step for this history entry is never added again; one left `pending` by a worker that
 * died is settled by asking Graph first. The job's lease lets one worker handle a row at a time and a
 * row is recovered only when no live request accounts for it, so its pending steps are abandoned ones
 * (window 0, as send-row.ts does for the history entry).
 */
export function rowGroupsJoiner(
  store: InvitationStore,
  job: BulkJobRecord,
  caller: Caller,
): RowGroupsJoiner {
  return async (row, historyId, guestUserId) => {
    const groups = row.groups ?? [];
    if (groups.length === 0 || !historyId || !guestUserId) return;
    try {
      await addGuestToGroups(
        caller,
        { historyId, guestUserId, guestEmail: row.email, jobId: job.id },
        groups,
        { store, settlePendingAfterMs: 0 },
      );
    } catch (error) {
      logger().error(
        { err: error, jobId: job.id, rowId: row.id },
        "bulk row: group memberships not recorded",
      );
    }
  };
}

const PAGE = 200;

/**
 * What became of each row's groups, from the recorded steps (`store.changes` of the job, kind
 * `group_member_add`): row id → its groups in the row's order. A group without a step (the
 * invitation failed, or has not been sent yet) is `not_added`.
 */
export async function rowGroupOutcomes(
  store: InvitationStore,
  jobId: string,
  rows: readonly BulkJobRowRecord[],
): Promise<Map<string, RowGroupOutcome[]>> {
  const outcomes = new Map<string, RowGroupOutcome[]>();
  const withGroups = rows.filter((row) => (row.groups ?? []).length > 0);
  if (withGroups.length === 0) return outcomes;
  const historyIds = withGroups.flatMap((row) => (row.historyId ? [row.historyId] : []));
  const steps = new Map<string, MembershipResult>();
  let after: { createdAt: Date; id: string } | null = null;
  while (historyIds.length > 0) {
    const page = await store.changes.list({
      jobId,
      historyIds,
      kinds: ["group_member_add"],
      limit: PAGE,
      after,
    });
    for (const change of page)
      steps.set(
        `${change.historyId}:${(change.targetId ?? "").toLowerCase()}`,
        membershipOf(change),
      );
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    after = { createdAt: last.createdAt, id: last.id };
  }
  for (const row of withGroups) {
    outcomes.set(
      row.id,
      (row.groups ?? []).map((group) => {
        const step = steps.get(`${row.historyId}:${group.id.toLowerCase()}`);
        return {
          groupId: group.id,
          groupName: step?.groupName || group.displayName,
          status: step?.status ?? "not_added",
          ...(step?.errorCode ? { errorCode: step.errorCode } : {}),
        };
      }),
    );
  }
  return outcomes;
}
