import { describe, expect, it } from "vitest";
import { FALLBACK_TIME_ZONE, isTimeZone, timeZoneFromCookie } from "./time-zone";

describe("time zones", () => {
  it("accepts the IANA zones browsers report", () => {
    for (const zone of ["Europe/Madrid", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "UTC"]) {
      expect(isTimeZone(zone)).toBe(true);
    }
  });

  it("refuses what is not a zone, so a cookie cannot choose anything else", () => {
    for (const value of ["", "Mars/Olympus", "Europe/Madrid;x=1", "<script>", "a".repeat(65)]) {
      expect(isTimeZone(value)).toBe(false);
    }
  });

  it("falls back to UTC until the browser has said its zone", () => {
    expect(timeZoneFromCookie(undefined)).toBe(FALLBACK_TIME_ZONE);
    expect(timeZoneFromCookie("Nowhere/Land")).toBe(FALLBACK_TIME_ZONE);
    expect(timeZoneFromCookie("Asia/Tokyo")).toBe("Asia/Tokyo");
  });
});
