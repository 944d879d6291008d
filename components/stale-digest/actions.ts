"use server";

import { z } from "zod";
import { createAction } from "@/lib/server-action/create-action";
import { dismissWeeklyList, weeklyStaleList } from "@/lib/stale-digest/weekly-list";

export type { StaleDigestEntry, StaleDigestView } from "@/lib/stale-digest/types";

/** The signed-in inviter's list of stale invitations this week, computed on their first visit. */
export const getWeeklyStaleList = createAction({
  name: "getWeeklyStaleList",
  schema: z.object({}).loose(),
  handler: (_input, { caller }) => weeklyStaleList(caller),
});

/** Hides this week's list for the signed-in inviter. */
export const dismissWeeklyStaleList = createAction({
  name: "dismissWeeklyStaleList",
  schema: z.object({ runId: z.uuid({ error: "validation.invalid" }) }),
  handler: (input, { caller }) => dismissWeeklyList(caller, input.runId),
});
