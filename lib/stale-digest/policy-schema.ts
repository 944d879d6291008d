import { z } from "zod";

/** Browser-safe: the settings form and the action share this schema (no server-only imports). */

export const STALE_DIGEST_MIN_DAYS = 7;
export const STALE_DIGEST_MAX_DAYS = 365;
export const STALE_DIGEST_DEFAULT_DAYS = 30;

const daysIssue = {
  message: "validation.staleDigest.days",
  params: { minimum: STALE_DIGEST_MIN_DAYS, maximum: STALE_DIGEST_MAX_DAYS },
};

/** "Each week, list the guests who have not accepted after N days, for the person who invited them." */
export const staleDigestPolicySchema = z.object({
  enabled: z.boolean({ error: "validation.invalid" }),
  olderThanDays: z.custom<number>(
    (value) =>
      typeof value === "number" &&
      Number.isInteger(value) &&
      value >= STALE_DIGEST_MIN_DAYS &&
      value <= STALE_DIGEST_MAX_DAYS,
    daysIssue,
  ),
});

export type StaleDigestPolicyInput = z.output<typeof staleDigestPolicySchema>;

export const DEFAULT_STALE_DIGEST_POLICY: StaleDigestPolicyInput = {
  enabled: false,
  olderThanDays: STALE_DIGEST_DEFAULT_DAYS,
};
