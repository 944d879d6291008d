import { describe, expect, it, vi } from "vitest";
import { GraphFailure } from "./graph-failure";
import { SlidingWindowLimiter, invitationLimiter, paceInvitation } from "./invitation-pacing";

function fakeClock() {
  let time = 0;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
    advance: (ms: number) => {
      time += ms;
    },
  };
}

/** 10 requests a second; bulk rows keep at most 3 of them from people. */
function reservingLimiter() {
  const clock = fakeClock();
  const limiter = new SlidingWindowLimiter({
    requests: 10,
    windowMs: 1000,
    reserveForSingle: 3,
    ...clock,
  });
  return { clock, limiter };
}

describe("SlidingWindowLimiter", () => {
  it("grants 150 requests per 5 seconds, in order, and never more in any window", async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ requests: 150, windowMs: 5000, ...clock });
    const granted: number[] = [];
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 400 }, (_, index) =>
        limiter.acquire().then(() => {
          granted.push(clock.now());
          order.push(index);
        }),
      ),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(granted.filter((time) => time === 0)).toHaveLength(150);
    expect(granted.at(-1)).toBe(10_000);
    for (const start of granted) {
      expect(
        granted.filter((time) => time >= start && time < start + 5000).length,
      ).toBeLessThanOrEqual(150);
    }
  });

  it("lets a request through as soon as the oldest one leaves the window", async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ requests: 2, windowMs: 1000, ...clock });
    await limiter.acquire();
    clock.advance(300);
    await limiter.acquire();
    await limiter.acquire();
    expect(clock.now()).toBe(1000);
    await limiter.acquire();
    expect(clock.now()).toBe(1300);
  });

  it("holds everyone back for Retry-After", async () => {
    const clock = fakeClock();
    const limiter = new SlidingWindowLimiter({ requests: 100, windowMs: 1000, ...clock });
    limiter.backOff(2.128);
    await limiter.acquire();
    expect(clock.now()).toBe(2128);
  });

  it("holds a bulk job alone one slot below the budget, and a person finds that slot", async () => {
    const { clock, limiter } = reservingLimiter();
    const bulk: number[] = [];
    const bulkRows = (count: number) =>
      Promise.all(
        Array.from({ length: count }, () =>
          limiter.acquire("bulk").then(() => bulk.push(clock.now())),
        ),
      );
    // Alone, a bulk job takes 9 of the 10 slots at once…
    await bulkRows(9);
    expect(bulk.filter((time) => time === 0)).toHaveLength(9);
    // …and a person who starts inviting gets the tenth without waiting.
    await limiter.acquire("single");
    expect(clock.now()).toBe(0);
    // One single in the last two windows: bulk rows leave it 2 slots in the next window (8 of 10).
    await bulkRows(10);
    expect(bulk.filter((time) => time === 1000)).toHaveLength(8);
    // Two windows later that single no longer counts: 9 again.
    expect(bulk.filter((time) => time === 2000)).toHaveLength(2);
  });

  it("keeps slots from bulk rows for people who have been inviting, up to the reserve", async () => {
    const { clock, limiter } = reservingLimiter();
    for (let index = 0; index < 6; index += 1) await limiter.acquire("single");
    clock.advance(1000);
    const bulk: number[] = [];
    await Promise.all(
      Array.from({ length: 10 }, () => limiter.acquire("bulk").then(() => bulk.push(clock.now()))),
    );
    // Their six have left the window but not the last two: the reserve is at its most, 3.
    expect(bulk.filter((time) => time === 1000)).toHaveLength(7);
    expect(bulk.filter((time) => time === 2000)).toHaveLength(3);
  });
});

describe("paceInvitation", () => {
  it("uses one limiter per process and backs off when Graph still answers 429", async () => {
    // In process: the PostgreSQL-shared pace has its own test (lib/limits/shared-sliding-window.test.ts).
    vi.stubEnv("DATABASE_URL", "");
    expect(invitationLimiter()).toBe(invitationLimiter());
    const started = Date.now();
    await expect(
      paceInvitation(() =>
        Promise.reject(new GraphFailure("throttled", { status: 429, retryAfterSeconds: 0.2 })),
      ),
    ).rejects.toBeInstanceOf(GraphFailure);
    await paceInvitation(async () => "sent");
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
