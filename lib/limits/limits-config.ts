import { z } from "zod";

export type LimitsConfig = {
  /** Server-action calls one person may make per window, all actions together. */
  actionCalls: number;
  actionWindowSeconds: number;
  /** Invitation requests per window that bulk jobs leave to single invitations (invitation-pacing.ts). */
  singleInvitationReserve: number;
  /** Set: limits and the invitation pace are shared through PostgreSQL by every instance. */
  databaseUrl?: string;
};

const positive = (fallback: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined),
    z.coerce.number().int().min(1).default(fallback),
  );

const limitsEnv = z.object({
  ACTION_RATE_LIMIT: positive(100),
  ACTION_RATE_LIMIT_WINDOW_SECONDS: positive(10),
  SINGLE_INVITATION_RESERVE: positive(10),
  DATABASE_URL: z.string().optional(),
});

/** ACTION_RATE_LIMIT calls per ACTION_RATE_LIMIT_WINDOW_SECONDS per person (default 100 per 10 s). */
export function limitsConfigFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): LimitsConfig {
  const parsed = limitsEnv.parse(env);
  const databaseUrl = parsed.DATABASE_URL?.trim();
  return {
    actionCalls: parsed.ACTION_RATE_LIMIT,
    actionWindowSeconds: parsed.ACTION_RATE_LIMIT_WINDOW_SECONDS,
    singleInvitationReserve: parsed.SINGLE_INVITATION_RESERVE,
    ...(databaseUrl ? { databaseUrl } : {}),
  };
}
