import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { overseesAllInvitations } from "@/lib/auth/caller-roles";
import { getStore, InvalidCursorError, type InvitationRecord } from "@/lib/db";
import { ActionFailure } from "@/lib/server-action/action-failure";
import { filterFor, type HistoryPageInput } from "./history-filter";
import type { HistoryEntriesPage, HistoryRow, HistoryScope } from "./history-types";

function toRow(record: InvitationRecord): HistoryRow {
  return {
    id: record.id,
    createdAt: record.createdAt.toISOString(),
    kind: record.kind,
    outcome: record.outcome,
    inviterName: record.inviterName,
    inviterUpn: record.inviterUpn,
    guestEmail: record.guestEmail,
    guestDisplayName: record.guestDisplayName,
    sendInvitationMessage: record.sendInvitationMessage,
    graphStatus: record.graphStatus,
    errorCode: record.errorCode,
    errorMessage: record.errorMessage,
    requestId: record.requestId,
    attemptCount: record.attemptCount,
  };
}

/** Whether the caller sees everyone's history, and the inviters to filter by. */
export async function historyScope(caller: Caller): Promise<HistoryScope> {
  if (!(await overseesAllInvitations(caller))) return { seesAll: false, inviters: [] };
  return { seesAll: true, inviters: await (await getStore()).historyInviters() };
}

/** One page of the history, newest first, narrowed to the caller's own entries unless they oversee. */
export async function historyPage(
  caller: Caller,
  input: HistoryPageInput,
): Promise<HistoryEntriesPage> {
  try {
    const page = await (
      await getStore()
    ).listHistory({
      ...(await filterFor(caller, input)),
      limit: input.pageSize,
      cursor: input.cursor ?? null,
    });
    return { rows: page.items.map(toRow), nextCursor: page.nextCursor, total: page.total };
  } catch (error) {
    if (error instanceof InvalidCursorError) throw new ActionFailure("validation");
    throw error;
  }
}
