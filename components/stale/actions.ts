"use server";

import { z } from "zod";
import { mayRemoveGuests } from "@/lib/auth/caller-roles";
import { REMOVE_GUEST_ROLES } from "@/lib/auth/roles";
import { recentlyRemovedGuests, restoreGuest, startStaleJob } from "@/lib/pending/stale-guests";
import { restoreInput, staleJobInput } from "@/lib/pending/stale-inputs";
import { createAction } from "@/lib/server-action/create-action";

export type { RemovedGuestView, RestoreResult } from "@/lib/pending/stale-guests";

/** Whether the signed-in person may remove and restore guests (User or Global Administrator). */
export const getStaleCapabilities = createAction({
  name: "getStaleCapabilities",
  schema: z.object({}),
  handler: async (_input, { caller }) => ({ canRemove: await mayRemoveGuests(caller) }),
});

/** Starts a reminder (anyone who may see the guests) or removal (User or Global Administrator) job. */
export const startStaleInvitationsJob = createAction({
  name: "startStaleInvitationsJob",
  schema: staleJobInput,
  handler: (input, { caller }) => startStaleJob(caller, input),
});

/** Guests in Entra's deleted items, with days left before the purge. */
export const listRecentlyRemovedGuests = createAction({
  name: "listRecentlyRemovedGuests",
  schema: z.object({}),
  requiredRoles: REMOVE_GUEST_ROLES,
  handler: (_input, { caller }) => recentlyRemovedGuests(caller),
});

/** Restores a removed guest from deleted items (recorded as guest_restore). */
export const restoreRemovedGuest = createAction({
  name: "restoreRemovedGuest",
  schema: restoreInput,
  requiredRoles: REMOVE_GUEST_ROLES,
  handler: (input, { caller }) => restoreGuest(caller, input),
});
