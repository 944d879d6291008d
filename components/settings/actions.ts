"use server";

import { z } from "zod";
import { PORTAL_SETTINGS_ROLES } from "@/lib/auth/roles";
import { mayChangePortalSettings } from "@/lib/auth/caller-roles";
import { createAction } from "@/lib/server-action/create-action";
import { readStaleDigestPolicy, saveStaleDigestPolicy } from "@/lib/stale-digest/policy";
import { staleDigestPolicySchema } from "@/lib/stale-digest/policy-schema";

export type { SettingsAccess, StaleDigestPolicy } from "@/lib/stale-digest/types";

/** Whether the signed-in person may change the portal's settings (the navigation's settings link). */
export const getSettingsAccess = createAction({
  name: "getSettingsAccess",
  schema: z.object({}).loose(),
  handler: async (_input, { caller }) => ({
    canChangeSettings: await mayChangePortalSettings(caller),
  }),
});

/** The weekly stale-invitations policy as saved (administrators only). */
export const getStaleDigestPolicy = createAction({
  name: "getStaleDigestPolicy",
  schema: z.object({}).loose(),
  requiredRoles: PORTAL_SETTINGS_ROLES,
  handler: () => readStaleDigestPolicy(),
});

/** Saves the weekly stale-invitations policy, recording who and when (administrators only). */
export const updateStaleDigestPolicy = createAction({
  name: "updateStaleDigestPolicy",
  schema: staleDigestPolicySchema,
  requiredRoles: PORTAL_SETTINGS_ROLES,
  handler: (input, { caller }) => saveStaleDigestPolicy(caller, input),
});
