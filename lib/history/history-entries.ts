import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { overseesAllInvitations } from "@/lib/auth/caller-roles";
import { getStore, hasErrorCode, type HistoryFilter, type InvitationRecord } from "@/lib/db";
import { cursorSigningSecret } from "@/lib/security/cursor-secret";
import { signCursor, verifyCursor } from "@/lib/security/signed-cursor";
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
    guestUserId: record.guestUserId,
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

const CURSOR_PURPOSE = "history-cursor";

/** A cursor is bound to the person and the filter it was made for, like the pending list's. */
function cursorBinding(caller: Caller, filter: HistoryFilter): string {
  return JSON.stringify([caller.oid, filter]);
}

function openCursor(caller: Caller, filter: HistoryFilter, sealed: string | null | undefined) {
  if (!sealed) return null;
  const position = verifyCursor(
    CURSOR_PURPOSE,
    cursorSigningSecret(),
    sealed,
    cursorBinding(caller, filter),
  );
  if (position === undefined) throw new ActionFailure("validation");
  return position;
}

/** One page of the history, newest first, narrowed to the caller's own entries unless they oversee. */
export async function historyPage(
  caller: Caller,
  input: HistoryPageInput,
): Promise<HistoryEntriesPage> {
  const filter = await filterFor(caller, input);
  const cursor = openCursor(caller, filter, input.cursor);
  try {
    const page = await (await getStore()).listHistory({ ...filter, limit: input.pageSize, cursor });
    const nextCursor = page.nextCursor
      ? signCursor(
          CURSOR_PURPOSE,
          cursorSigningSecret(),
          page.nextCursor,
          cursorBinding(caller, filter),
        )
      : null;
    return { rows: page.items.map(toRow), nextCursor, total: page.total };
  } catch (error) {
    if (hasErrorCode(error, "invalid_cursor")) throw new ActionFailure("validation");
    throw error;
  }
}
