import "server-only";
import type { Caller } from "@/lib/auth/caller";
import { getStore, type InvitationRecord } from "@/lib/db";
import { writeCsv, type CsvValue } from "@/lib/csv/write-csv";
import { filterFor, type HistoryFilterInput } from "./history-filter";
import type { HistoryExport } from "./history-types";

/** Rows a CSV export holds at most; the filter narrows a bigger history. */
export const HISTORY_EXPORT_CAP = 10_000;
const EXPORT_PAGE_SIZE = 200;

const CSV_HEADER = [
  "created_at",
  "kind",
  "outcome",
  "inviter_name",
  "inviter_upn",
  "guest_email",
  "guest_display_name",
  "guest_user_id",
  "send_invitation_message",
  "graph_status",
  "error_code",
  "error_message",
  "request_id",
  "attempt_count",
];

/** Never the redeem link: the export is for audit. */
function csvCells(record: InvitationRecord): CsvValue[] {
  return [
    record.createdAt.toISOString(),
    record.kind,
    record.outcome,
    record.inviterName,
    record.inviterUpn,
    record.guestEmail,
    record.guestDisplayName,
    record.guestUserId,
    record.sendInvitationMessage,
    record.graphStatus,
    record.errorCode,
    record.errorMessage,
    record.requestId,
    record.attemptCount,
  ];
}

/** Every entry matching the filter (up to HISTORY_EXPORT_CAP) as CSV text, built on the server. */
export async function historyCsv(
  caller: Caller,
  input: HistoryFilterInput,
): Promise<HistoryExport> {
  const store = await getStore();
  const filter = await filterFor(caller, input);
  const records: CsvValue[][] = [];
  let cursor: string | null = null;
  let truncated = false;
  // Page through the store rather than loading the whole history at once.
  do {
    const page = await store.listHistory({ ...filter, limit: EXPORT_PAGE_SIZE, cursor });
    for (const record of page.items) {
      if (records.length === HISTORY_EXPORT_CAP) {
        truncated = true;
        break;
      }
      records.push(csvCells(record));
    }
    cursor = page.nextCursor;
  } while (cursor && !truncated);
  if (cursor) truncated = true;
  return { csv: writeCsv([CSV_HEADER, ...records]), rows: records.length, truncated };
}
