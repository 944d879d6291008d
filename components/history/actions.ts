"use server";

import { z } from "zod";
import { historyCsv } from "@/lib/history/history-csv";
import { historyPage, historyScope } from "@/lib/history/history-entries";
import { historyFilterInput, historyPageInput } from "@/lib/history/history-filter";
import { guestChangePageInput } from "@/lib/history/guest-change-input";
import { guestChangesPage } from "@/lib/history/guest-changes";
import { createAction } from "@/lib/server-action/create-action";

export type {
  GuestChangeRow,
  GuestChangesPage,
  HistoryEntriesPage,
  HistoryExport,
  HistoryRow,
  HistoryScope,
} from "@/lib/history/history-types";

/** Whether the caller sees everyone's history, and the inviters to filter by. */
export const getHistoryScope = createAction({
  name: "getHistoryScope",
  schema: z.object({}).loose(),
  handler: (_input, { caller }) => historyScope(caller),
});

/** One page of the history, newest first, narrowed to the caller's own entries unless they oversee. */
export const listHistoryEntries = createAction({
  name: "listHistoryEntries",
  schema: historyPageInput,
  handler: (input, { caller }) => historyPage(caller, input),
});

/** Every entry matching the filter (up to 10,000) as CSV text, built on the server. */
export const exportHistoryCsv = createAction({
  name: "exportHistoryCsv",
  schema: historyFilterInput,
  handler: (input, { caller }) => historyCsv(caller, input),
});

/** One page of changes to guests (memberships, removals, restores, sponsors), own unless overseeing. */
export const listGuestChanges = createAction({
  name: "listGuestChanges",
  schema: guestChangePageInput,
  handler: (input, { caller }) => guestChangesPage(caller, input),
});
