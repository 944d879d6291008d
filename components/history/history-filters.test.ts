import { describe, expect, it } from "vitest";
import { EMPTY_FILTER, toQuery } from "./history-filters";

describe("the history filter sent to the server", () => {
  const december = { ...EMPTY_FILTER, fromDate: "2026-12-01", toDate: "2026-12-01" };

  it("means the viewer's own 1 December in Tokyo", () => {
    expect(toQuery(december, "Asia/Tokyo")).toEqual({
      from: "2026-11-30T15:00:00.000Z",
      to: "2026-12-01T15:00:00.000Z",
    });
  });

  it("means the viewer's own 1 December in Los Angeles", () => {
    expect(toQuery(december, "America/Los_Angeles")).toEqual({
      from: "2026-12-01T08:00:00.000Z",
      to: "2026-12-02T08:00:00.000Z",
    });
  });

  it("leaves out the dates nobody chose", () => {
    expect(toQuery({ ...EMPTY_FILTER, guest: " ann " }, "Asia/Tokyo")).toEqual({ guest: "ann" });
  });
});
