// The pacer's shape, below both the in-process pacer (lib/graph) and the shared one (lib/limits).

/** Single invitations (a person waits) go first; bulk rows leave them a reserved share. */
export type InvitationLane = "single" | "bulk";

/** What a pacer knows of its window when a request asks for a slot. */
export type WindowCounts = {
  /** Grants in the window, both lanes. */
  total: number;
  /** Single invitations among them. */
  singles: number;
  /** Single invitations granted in the last two windows: how many people are inviting lately. */
  recentSingles: number;
};

/**
 * Whether a request of `lane` may have a slot now. A single invitation takes any free slot. A bulk
 * row always leaves one slot free, and leaves the slots that people have been using: as many per
 * window as single invitations took over the last two windows (half of them, rounded up), plus
 * one, up to `reserveForSingle`. A person who starts inviting finds a slot at once; people inviting
 * steadily find theirs as their earlier ones leave the window; and a bulk job alone is held to 149
 * of the tenant's 150, not 140 (docs/performance.md#bulk-pace). The PostgreSQL pacer states the
 * same rule in SQL (shared-sliding-window.ts).
 */
export function mayGrant(
  lane: InvitationLane,
  options: Pick<RateLimiterOptions, "requests" | "reserveForSingle">,
  counts: WindowCounts,
): boolean {
  if (counts.total >= options.requests) return false;
  const cap = options.reserveForSingle ?? 0;
  if (lane === "single" || cap === 0) return true;
  const reserve = Math.min(cap, Math.ceil(counts.recentSingles / 2) + 1);
  return (
    counts.total < options.requests - 1 &&
    counts.total - counts.singles < options.requests - reserve
  );
}

/** Grants invitation requests within the tenant's limit; in process, or shared through PostgreSQL. */
export interface InvitationPacer {
  acquire(lane?: InvitationLane): Promise<void>;
  /** Nobody is granted a request for this long (the service's Retry-After). */
  backOff(seconds: number): Promise<void>;
}

export type RateLimiterOptions = {
  requests: number;
  windowMs: number;
  /** At most this many requests per window are kept from the bulk lane (grantLimit). */
  reserveForSingle?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};
