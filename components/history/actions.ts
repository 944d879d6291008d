"use server";

import { z } from "zod";
import { ActionFailure } from "@/lib/server-action/action-failure";
import type { ActionResult } from "@/lib/server-action/action-result";
import { createAction } from "@/lib/server-action/create-action";
import type { Caller } from "@/lib/auth/caller";
import { overseesAllInvitations } from "@/lib/auth/caller-roles";
import {
  getStore,
  INVITATION_KINDS,
  INVITATION_OUTCOMES,
  InvalidCursorError,
  type HistoryFilter,
  type HistoryInviter,
  type InvitationKind,
  type InvitationOutcome,
  type InvitationRecord,
} from "@/lib/db";
import { csvDocument } from "./history-csv";

/** Rows a CSV export holds at most; the filter narrows a bigger history. */
const HISTORY_EXPORT_CAP = 10_000;
const EXPORT_PAGE_SIZE = 200;

/** One entry as the history page shows it. Never the redeem link: the history page is for audit. */
export type HistoryRow = {
  id: string;
  createdAt: string;
  kind: InvitationKind;
  outcome: InvitationOutcome;
  inviterName: string | null;
  inviterUpn: string | null;
  guestEmail: string;
  guestDisplayName: string | null;
  sendInvitationMessage: boolean;
  graphStatus: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  requestId: string | null;
  attemptCount: number;
};

export type HistoryScope = {
  /** Helpdesk and administrators see every entry; everyone else only their own. */
  seesAll: boolean;
  /** For the inviter filter; empty unless `seesAll`. */
  inviters: HistoryInviter[];
};

export type HistoryEntriesPage = {
  rows: HistoryRow[];
  nextCursor: string | null;
  total: number;
};

export type HistoryExport = { csv: string; rows: number; truncated: boolean };

const invalid = { error: "validation.invalid" } as const;
const filterInput = z.object({
  inviterOid: z
    .string(invalid)
    .regex(/^[0-9a-zA-Z-]{1,64}$/, invalid)
    .optional(),
  guest: z.string(invalid).trim().max(100, invalid).optional(),
  kind: z.enum(INVITATION_KINDS, invalid).optional(),
  outcome: z.enum(INVITATION_OUTCOMES, invalid).optional(),
  from: z.iso.datetime({ offset: true, error: "validation.invalid" }).optional(),
  to: z.iso.datetime({ offset: true, error: "validation.invalid" }).optional(),
});
const pageInput = filterInput.extend({
  pageSize: z.union([z.literal(25), z.literal(50), z.literal(100)], invalid).default(25),
  cursor: z.string(invalid).max(500, invalid).nullish(),
});

/** The caller's filter, narrowed to their own entries unless they may see everyone's. */
async function filterFor(
  caller: Caller,
  input: z.output<typeof filterInput>,
): Promise<HistoryFilter> {
  const inviterOid = (await overseesAllInvitations(caller)) ? input.inviterOid : caller.oid;
  return {
    ...(inviterOid ? { inviterOid } : {}),
    ...(input.guest ? { guestQuery: input.guest } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.outcome ? { outcome: input.outcome } : {}),
    ...(input.from ? { from: new Date(input.from) } : {}),
    ...(input.to ? { to: new Date(input.to) } : {}),
  };
}

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

function csvCells(record: InvitationRecord) {
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

const scopeAction = createAction({
  name: "getHistoryScope",
  schema: z.object({}).loose(),
  handler: async (_input, { caller }): Promise<HistoryScope> => {
    if (!(await overseesAllInvitations(caller))) return { seesAll: false, inviters: [] };
    return { seesAll: true, inviters: await (await getStore()).historyInviters() };
  },
});

const listAction = createAction({
  name: "listHistoryEntries",
  schema: pageInput,
  handler: async (input, { caller }): Promise<HistoryEntriesPage> => {
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
  },
});

const exportAction = createAction({
  name: "exportHistoryCsv",
  schema: filterInput,
  handler: async (input, { caller }): Promise<HistoryExport> => {
    const store = await getStore();
    const filter = await filterFor(caller, input);
    const records: ReturnType<typeof csvCells>[] = [];
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
    return { csv: csvDocument([CSV_HEADER, ...records]), rows: records.length, truncated };
  },
});

/** Whether the caller sees everyone's history, and the inviters to filter by. */
export async function getHistoryScope(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<HistoryScope>> {
  return scopeAction(accessToken, input);
}

/** One page of the history, newest first, narrowed to the caller's own entries unless helpdesk. */
export async function listHistoryEntries(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<HistoryEntriesPage>> {
  return listAction(accessToken, input);
}

/** Every entry matching the filter (up to HISTORY_EXPORT_CAP) as CSV text, built on the server. */
export async function exportHistoryCsv(
  accessToken: string,
  input: unknown,
): Promise<ActionResult<HistoryExport>> {
  return exportAction(accessToken, input);
}
