import { describe, expect, it } from "vitest";
import { endOfDay, startOfDay } from "./history-days";

// A history filter "from 1 December to 1 December" means the viewer's 1 December, wherever they are.

describe("the history filter's days in the viewer's time zone", () => {
  it.each([
    ["Asia/Tokyo", "2026-11-30T15:00:00.000Z", "2026-12-01T15:00:00.000Z"],
    ["America/Los_Angeles", "2026-12-01T08:00:00.000Z", "2026-12-02T08:00:00.000Z"],
    ["UTC", "2026-12-01T00:00:00.000Z", "2026-12-02T00:00:00.000Z"],
    ["Asia/Kolkata", "2026-11-30T18:30:00.000Z", "2026-12-01T18:30:00.000Z"],
  ])("1 December 2026 in %s runs from %s to %s", (zone, from, to) => {
    expect(startOfDay("2026-12-01", zone).toISOString()).toBe(from);
    expect(endOfDay("2026-12-01", zone).toISOString()).toBe(to);
  });

  it("gives Los Angeles' clock-change days their 23 and 25 hours", () => {
    // 8 March 2026: clocks go forward at 2:00 (PST → PDT); 1 November: back at 2:00.
    expect(startOfDay("2026-03-08", "America/Los_Angeles").toISOString()).toBe(
      "2026-03-08T08:00:00.000Z",
    );
    expect(endOfDay("2026-03-08", "America/Los_Angeles").toISOString()).toBe(
      "2026-03-09T07:00:00.000Z",
    );
    expect(startOfDay("2026-11-01", "America/Los_Angeles").toISOString()).toBe(
      "2026-11-01T07:00:00.000Z",
    );
    expect(endOfDay("2026-11-01", "America/Los_Angeles").toISOString()).toBe(
      "2026-11-02T08:00:00.000Z",
    );
  });

  it("does not depend on the zone of the machine that runs it", () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = "Pacific/Kiritimati";
      expect(startOfDay("2026-12-01", "Asia/Tokyo").toISOString()).toBe("2026-11-30T15:00:00.000Z");
      process.env.TZ = "America/Los_Angeles";
      expect(startOfDay("2026-12-01", "Asia/Tokyo").toISOString()).toBe("2026-11-30T15:00:00.000Z");
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it("starts a day whose midnight a clock change skips at its first moment", () => {
    // Santiago moves its clocks from 0:00 to 1:00 on 6 September 2026.
    expect(startOfDay("2026-09-06", "America/Santiago").toISOString()).toBe(
      "2026-09-06T04:00:00.000Z",
    );
  });

  it("refuses anything but a calendar day", () => {
    expect(() => startOfDay("2026-12-01T00:00:00Z", "UTC")).toThrow(RangeError);
  });
});
