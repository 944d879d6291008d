import { getServerConfig } from "@/lib/config/server-config";
import { limitsConfigFromEnv } from "@/lib/limits/limits-config";
import { SharedSlidingWindow } from "@/lib/limits/shared-sliding-window";
import { limitsPool } from "@/lib/limits/shared-pool";
import {
  mayGrant,
  type InvitationLane,
  type InvitationPacer,
  type RateLimiterOptions,
} from "@/lib/limits/pacer-types";
import { GraphFailure } from "./graph-failure";

export type { InvitationLane, InvitationPacer, RateLimiterOptions };

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * At most `requests` grants in any `windowMs`, first come first served within a lane, plus a pause
 * for everyone when the service asks for one (Retry-After). A sliding window like the invitation
 * manager's own, so the portal never spends requests on 429s it could have predicted.
 */
export class SlidingWindowLimiter implements InvitationPacer {
  private granted: { time: number; lane: InvitationLane }[] = [];
  private blockedUntil = 0;
  private readonly tails: Record<InvitationLane, Promise<void>> = {
    single: Promise.resolve(),
    bulk: Promise.resolve(),
  };
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Resolves when the caller may send one request. */
  acquire(lane: InvitationLane = "single"): Promise<void> {
    const turn = this.tails[lane].then(() => this.waitForSlot(lane));
    this.tails[lane] = turn.catch(() => undefined);
    return turn;
  }

  async backOff(seconds: number): Promise<void> {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + Math.ceil(seconds * 1000));
  }

  private async waitForSlot(lane: InvitationLane): Promise<void> {
    const { windowMs } = this.options;
    for (;;) {
      const now = this.now();
      if (this.blockedUntil > now) {
        await this.sleep(this.blockedUntil - now);
        continue;
      }
      // Singles are kept for two windows: the bulk lane's reserve follows them (mayGrant).
      this.granted = this.granted.filter(
        ({ time, lane: granted }) => now - time < (granted === "single" ? 2 * windowMs : windowMs),
      );
      const inWindow = this.granted.filter(({ time }) => now - time < windowMs);
      const counts = {
        total: inWindow.length,
        singles: inWindow.filter((grant) => grant.lane === "single").length,
        recentSingles: this.granted.filter((grant) => grant.lane === "single").length,
      };
      if (mayGrant(lane, this.options, counts)) {
        this.granted.push({ time: now, lane });
        return;
      }
      // Something changes when the oldest grant leaves the window.
      const oldest = Math.min(...inWindow.map(({ time }) => time));
      await this.sleep(Math.max(1, (Number.isFinite(oldest) ? oldest : now) + windowMs - now));
    }
  }
}

/** The invitation manager's documented limit: 150 requests per 5 seconds per tenant (docs/graph-behaviour.md#throttling). */
export const INVITATION_RATE_LIMIT = { requests: 150, windowSeconds: 5 } as const;
// A request reaches Graph a little after it is granted; network jitter and a busy event loop could
// pack 151 requests into Graph's 5 seconds, so the portal's window is slightly longer. Every window
// pays it (a 1,000-row job waits six of them): 150 ms kept bench:scale free of 429s where 100 ms did
// not, and a 429 that still happens is paused for and sent again, never lost (docs/performance.md#bulk-pace).
const JITTER_MARGIN_MS = 150;

const LIMITER = Symbol.for("guest-invitations-portal.invitation-limiter");
type WithLimiter = typeof globalThis & { [LIMITER]?: InvitationPacer };

/**
 * The one pacer for all invitation traffic (single invites and bulk jobs). With DATABASE_URL every
 * instance shares one window per tenant in PostgreSQL, since the limit is the tenant's, not the app's.
 */
export function invitationLimiter(): InvitationPacer {
  const holder = globalThis as WithLimiter;
  if (!holder[LIMITER]) {
    const limits = limitsConfigFromEnv();
    const options = {
      requests: INVITATION_RATE_LIMIT.requests,
      windowMs: INVITATION_RATE_LIMIT.windowSeconds * 1000 + JITTER_MARGIN_MS,
      reserveForSingle: limits.singleInvitationReserve,
    };
    holder[LIMITER] = limits.databaseUrl
      ? new SharedSlidingWindow(limitsPool(limits.databaseUrl), getServerConfig().tenantId, options)
      : new SlidingWindowLimiter(options);
  }
  return holder[LIMITER];
}

/** Waits for a slot, sends, and when Graph still answers 429 makes every later request wait too. */
export async function paceInvitation<T>(
  send: () => Promise<T>,
  lane: InvitationLane = "single",
): Promise<T> {
  const limiter = invitationLimiter();
  await limiter.acquire(lane);
  try {
    return await send();
  } catch (error) {
    if (error instanceof GraphFailure && error.code === "throttled") {
      await limiter.backOff(error.retryAfterSeconds ?? INVITATION_RATE_LIMIT.windowSeconds);
    }
    throw error;
  }
}
