import { GraphFailure } from "./graph-failure";

export type RateLimiterOptions = {
  requests: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
};

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * At most `requests` grants in any `windowMs`, first come first served, plus a pause for everyone
 * when the service asks for one (Retry-After). A sliding window like the invitation manager's own, so
 * the portal never spends requests on 429s it could have predicted.
 */
export class SlidingWindowLimiter {
  private granted: number[] = [];
  private blockedUntil = 0;
  private tail: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: RateLimiterOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? realSleep;
  }

  /** Resolves when the caller may send one request. */
  acquire(): Promise<void> {
    const turn = this.tail.then(() => this.waitForSlot());
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Nobody is granted a slot for this long (the service's Retry-After). */
  backOff(seconds: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, this.now() + Math.ceil(seconds * 1000));
  }

  private async waitForSlot(): Promise<void> {
    for (;;) {
      const now = this.now();
      if (this.blockedUntil > now) {
        await this.sleep(this.blockedUntil - now);
        continue;
      }
      this.granted = this.granted.filter((time) => now - time < this.options.windowMs);
      if (this.granted.length < this.options.requests) {
        this.granted.push(now);
        return;
      }
      await this.sleep(Math.max(1, this.granted[0]! + this.options.windowMs - now));
    }
  }
}

/** The invitation manager's documented limit: 150 requests per 5 seconds per tenant (docs/graph-behaviour.md#throttling). */
export const INVITATION_RATE_LIMIT = { requests: 150, windowSeconds: 5 } as const;
// A request reaches Graph a little after it is granted; network jitter could pack 151 requests into
// Graph's 5 seconds, so the portal's window is slightly longer.
const JITTER_MARGIN_MS = 250;

const LIMITER = Symbol.for("guest-invitations-portal.invitation-limiter");
type WithLimiter = typeof globalThis & { [LIMITER]?: SlidingWindowLimiter };

/** The one limiter for all invitation traffic of this portal instance (single invites and bulk jobs). */
export function invitationLimiter(): SlidingWindowLimiter {
  const holder = globalThis as WithLimiter;
  holder[LIMITER] ??= new SlidingWindowLimiter({
    requests: INVITATION_RATE_LIMIT.requests,
    windowMs: INVITATION_RATE_LIMIT.windowSeconds * 1000 + JITTER_MARGIN_MS,
  });
  return holder[LIMITER];
}

/** Waits for a slot, sends, and when Graph still answers 429 makes every later request wait too. */
export async function paceInvitation<T>(send: () => Promise<T>): Promise<T> {
  const limiter = invitationLimiter();
  await limiter.acquire();
  try {
    return await send();
  } catch (error) {
    if (error instanceof GraphFailure && error.code === "throttled") {
      limiter.backOff(error.retryAfterSeconds ?? INVITATION_RATE_LIMIT.windowSeconds);
    }
    throw error;
  }
}
