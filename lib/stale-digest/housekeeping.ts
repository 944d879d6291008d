import "server-only";
import type { InvitationStore } from "@/lib/db";
import { logger } from "@/lib/observability/logger";
import { systemClock, type Clock } from "./iso-week";

/** Weekly lists are kept this long (the current week's and the few before it), then deleted. */
export const STALE_DIGEST_KEEP_MS = 8 * 7 * 86_400_000;
const SWEEP_EVERY_MS = 60 * 60_000;

/**
 * Deletes weekly lists older than eight weeks. One DELETE: several instances sweeping at once only
 * delete the same rows, so no lease is needed. Returns how many lists went.
 */
export async function sweepStaleDigests(
  store: InvitationStore,
  clock: Clock = systemClock,
): Promise<number> {
  return store.staleDigest.prune(new Date(clock().getTime() - STALE_DIGEST_KEEP_MS));
}

const TIMER = Symbol.for("guest-invitations-portal.stale-digest-housekeeping");
type WithTimer = typeof globalThis & { [TIMER]?: ReturnType<typeof setInterval> };

/**
 * The in-process background side of the weekly lists: an hourly sweep of old lists. The lists
 * themselves are computed on each inviter's first visit of the week, with their own token
 * (docs/architecture.md#weekly-stale-invitations): a background task holds no one's token.
 */
export function ensureStaleDigestHousekeeping(getStore: () => Promise<InvitationStore>): void {
  const holder = globalThis as WithTimer;
  if (holder[TIMER]) return;
  const sweep = () =>
    void getStore()
      .then((store) => sweepStaleDigests(store))
      .catch((error: unknown) => logger().warn({ err: error }, "stale digest sweep failed"));
  holder[TIMER] = setInterval(sweep, SWEEP_EVERY_MS);
  holder[TIMER].unref();
  sweep();
}
