import { z } from "zod";
import { textWithoutNul } from "@/lib/invitations/hostile-characters";
import { PENDING_SEARCH_MAX_LENGTH, STALE_AGES_DAYS } from "./pending-query";

/** What the clean-up of invitations never accepted accepts; the server resolves the guests itself. */
const invalid = { error: "validation.invalid" } as const;
const guestUserId = z.string(invalid).regex(/^[0-9a-zA-Z-]{1,64}$/, invalid);

export const MAX_SELECTED_GUESTS = 500;

export const staleJobInput = z.object({
  kind: z.enum(["remind", "remove"], invalid),
  olderThanDays: z.literal(STALE_AGES_DAYS, invalid),
  search: textWithoutNul().max(PENDING_SEARCH_MAX_LENGTH, invalid).default(""),
  invitedByMe: z.boolean(invalid).default(false),
  /** The guests ticked on the page; null: every guest matching the filter, resolved by the server. */
  guestIds: z.array(guestUserId).min(1, invalid).max(MAX_SELECTED_GUESTS, invalid).nullable(),
});
export type StaleJobInput = z.output<typeof staleJobInput>;

export const restoreInput = z.object({ guestUserId });
export type RestoreInput = z.output<typeof restoreInput>;
