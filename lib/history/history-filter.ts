import "server-only";
import { z } from "zod";
import type { Caller } from "@/lib/auth/caller";
import { textWithoutNul } from "@/lib/invitations/hostile-characters";
import { overseesAllInvitations } from "@/lib/auth/caller-roles";
import { INVITATION_KINDS, INVITATION_OUTCOMES, type HistoryFilter } from "@/lib/db";

const invalid = { error: "validation.invalid" } as const;

/** A moment JavaScript and PostgreSQL both hold (not 30 February, not year 0). */
const instant = z.iso.datetime({ offset: true, error: "validation.invalid" }).refine((value) => {
  const year = new Date(value).getUTCFullYear();
  return year >= 1 && year <= 9999;
}, invalid);

/** The history page's filter, as the browser sends it. */
export const historyFilterInput = z.object({
  inviterOid: z
    .string(invalid)
    .regex(/^[0-9a-zA-Z-]{1,64}$/, invalid)
    .optional(),
  guest: textWithoutNul().trim().max(100, invalid).optional(),
  kind: z.enum(INVITATION_KINDS, invalid).optional(),
  outcome: z.enum(INVITATION_OUTCOMES, invalid).optional(),
  // Instants with their offset: the page turns the viewer's chosen days into them in the viewer's
  // own zone (lib/history/history-days.ts), so nothing here assumes UTC days.
  from: instant.optional(),
  to: instant.optional(),
});
export type HistoryFilterInput = z.output<typeof historyFilterInput>;

export const historyPageInput = historyFilterInput.extend({
  pageSize: z.union([z.literal(25), z.literal(50), z.literal(100)], invalid).default(25),
  cursor: z.string(invalid).max(500, invalid).nullish(),
});
export type HistoryPageInput = z.output<typeof historyPageInput>;

/** The caller's filter, narrowed to their own entries unless they may see everyone's. */
export async function filterFor(caller: Caller, input: HistoryFilterInput): Promise<HistoryFilter> {
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
