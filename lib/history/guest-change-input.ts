import { z } from "zod";
import { CHANGE_KINDS, CHANGE_OUTCOMES } from "./guest-change-kinds";

const invalid = { error: "validation.invalid" } as const;

/** The Changes view's filter and page, as the browser sends it. */
export const guestChangePageInput = z.object({
  kind: z.enum(CHANGE_KINDS, invalid).optional(),
  outcome: z.enum(CHANGE_OUTCOMES, invalid).optional(),
  pageSize: z.union([z.literal(25), z.literal(50), z.literal(100)], invalid).default(25),
  cursor: z.string(invalid).max(500, invalid).nullish(),
});
export type GuestChangePageInput = z.output<typeof guestChangePageInput>;
