import type { GuestChangeKind, InvitationOutcome } from "@/lib/db/schema";

/** The kinds of guest change, for the browser (the database's list, lib/db/schema.ts, is server-side). */
export const CHANGE_KINDS = [
  "group_member_add",
  "guest_delete",
  "guest_restore",
  "sponsor_add",
  "sponsor_remove",
] as const satisfies readonly GuestChangeKind[];

export const CHANGE_OUTCOMES = [
  "pending",
  "succeeded",
  "failed",
] as const satisfies readonly InvitationOutcome[];

export const GUEST_CHANGE_PAGE_SIZES = [25, 50, 100] as const;
