import { z } from "zod";
import { findEmailProblem } from "@/lib/invitations/email-rules";
import { textWithoutNul } from "@/lib/invitations/hostile-characters";
import {
  DEFAULT_PENDING_ORDER,
  DEFAULT_PENDING_PAGE_SIZE,
  PENDING_ORDERS,
  PENDING_PAGE_SIZES,
  PENDING_SEARCH_MAX_LENGTH,
  STALE_AGES_DAYS,
} from "./pending-query";

/** What the pending page's actions accept; the server's verdict is the one that counts. */

const invalid = { error: "validation.invalid" } as const;
const guestUserId = z.string(invalid).regex(/^[0-9a-zA-Z-]{1,64}$/, invalid);
const idempotencyKey = z.string(invalid).regex(/^[\w-]{8,128}$/, invalid);

export const pendingListInput = z.object({
  pageSize: z.literal(PENDING_PAGE_SIZES, invalid).default(DEFAULT_PENDING_PAGE_SIZE),
  search: textWithoutNul().max(PENDING_SEARCH_MAX_LENGTH, invalid).default(""),
  order: z.enum(PENDING_ORDERS, invalid).default(DEFAULT_PENDING_ORDER),
  invitedByMe: z.boolean(invalid).default(false),
  /** Only guests invited more than this many days ago (30, 60 or 90); null: all. */
  olderThanDays: z.literal(STALE_AGES_DAYS, invalid).nullable().default(null),
  cursor: z.string(invalid).max(8000, invalid).nullish(),
});
export type PendingListInput = z.output<typeof pendingListInput>;

export const guestInput = z.object({ guestUserId });

export const reinviteInput = z.object({ guestUserId, idempotencyKey });
export type ReinviteInput = z.output<typeof reinviteInput>;

export const resetInput = z.object({
  guestUserId,
  idempotencyKey,
  /** Empty: keep the address on the user. */
  newEmail: z
    .string(invalid)
    .trim()
    .max(254, invalid)
    .default("")
    .superRefine((value, ctx) => {
      const problem = value === "" ? undefined : findEmailProblem(value);
      if (problem)
        ctx.addIssue({
          code: "custom",
          message: problem.key,
          ...(problem.params ? { params: problem.params } : {}),
        });
    }),
  /** Add newEmail to the user's otherMails first, since Graph accepts only an address already there. */
  addEmailToUser: z.boolean(invalid).default(false),
  sendInvitationMessage: z.boolean(invalid).default(false),
});
export type ResetInput = z.output<typeof resetInput>;
