import { describe, expect, it } from "vitest";
import type { BulkJobRecord } from "@/lib/db";
import { estimateSecondsLeft } from "./job-view";

const job = (status: BulkJobRecord["status"]) => ({ status }) as BulkJobRecord;
const counts = (queued: number, sending = 0) => ({
  queued,
  sending,
  succeeded: 0,
  failed: 0,
  skipped: 0,
  cancelled: 0,
});

describe("estimateSecondsLeft", () => {
  it("uses the recent pace, never faster than 150 per 5 seconds", () => {
    expect(
      estimateSecondsLeft(job("running"), {
        counts: counts(300),
        recentlyFinished: 100,
        rateWindowSeconds: 20,
      }),
    ).toBe(60);
    expect(
      estimateSecondsLeft(job("running"), {
        counts: counts(900),
        recentlyFinished: 2000,
        rateWindowSeconds: 20,
      }),
    ).toBe(30);
    expect(
      estimateSecondsLeft(job("running"), {
        counts: counts(290, 10),
        recentlyFinished: 0,
        rateWindowSeconds: 20,
      }),
    ).toBe(10);
  });

  it("gives none for a paused or finished job", () => {
    const progress = { counts: counts(10), recentlyFinished: 5, rateWindowSeconds: 20 };
    expect(estimateSecondsLeft(job("paused"), progress)).toBeNull();
    expect(estimateSecondsLeft(job("running"), { ...progress, counts: counts(0) })).toBeNull();
  });
});
