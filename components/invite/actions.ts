"use server";

import { z } from "zod";
import { createAction } from "@/lib/server-action/create-action";
import { searchDirectoryUsers } from "@/lib/graph/users";
import { findGroups } from "@/lib/groups/find-groups";
import { retryGroupMembership } from "@/lib/groups/group-memberships";
import { inviteGuest, type InvitedGuest } from "@/lib/invitations/invite-guest";
import { textWithoutNul } from "@/lib/invitations/hostile-characters";
import { inviteSchemaFor } from "@/lib/invitations/invite-schema";
import { getServerConfig } from "@/lib/config/server-config";

export type SentInvitationResult = InvitedGuest;

/** Sends one invitation; a repeated idempotency key returns the first outcome instead of inviting again. */
export const sendInvitation = createAction({
  name: "sendInvitation",
  schema: z.object({
    // Built per call: http://localhost redirect URLs are accepted only on the local tenant.
    values: z.lazy(() =>
      inviteSchemaFor({ localTenant: getServerConfig().localTenantUrl !== undefined }),
    ),
    // Minted by the browser once per form submission; a retry of the same submission reuses it.
    idempotencyKey: z
      .string({ error: "validation.invalid" })
      .regex(/^[\w-]{8,128}$/, { error: "validation.invalid" }),
  }),
  formPath: "values",
  handler: ({ values, idempotencyKey }, { caller }) => inviteGuest(caller, values, idempotencyKey),
});

/** Members of the directory matching a prefix, for the sponsor picker. */
export const searchPeople = createAction({
  name: "searchPeople",
  schema: z.object({
    query: textWithoutNul().max(100, { error: "validation.invalid" }),
  }),
  handler: ({ query }, { caller }) => searchDirectoryUsers(caller, query),
});

/** Groups for the invite form: the caller's own (filtered by `query`), or any group for administrators. */
export const searchGroupsToJoin = createAction({
  name: "searchGroupsToJoin",
  schema: z.object({
    query: textWithoutNul().max(100, { error: "validation.invalid" }),
  }),
  handler: ({ query }, { caller }) => findGroups(caller, query),
});

/** Another try of a group membership that failed after an invitation. */
export const retryMembership = createAction({
  name: "retryMembership",
  schema: z.object({
    changeId: z.guid({ error: "validation.invalid" }),
  }),
  handler: ({ changeId }, { caller }) => retryGroupMembership(caller, changeId),
});
