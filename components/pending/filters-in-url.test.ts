import { describe, expect, it } from "vitest";
import { DEFAULT_FILTERS, filtersFromParams, paramsFromFilters } from "./filters-in-url";

describe("pending filters in the URL", () => {
  it("round-trips every filter and keeps defaults out of the URL", () => {
    const filters = {
      search: "ana",
      pageSize: 50,
      order: "newest",
      invitedByMe: true,
      olderThanDays: 60,
    } as const;
    const query = paramsFromFilters(filters);
    expect(query).toBe("q=ana&order=newest&size=50&mine=1&age=60");
    expect(filtersFromParams(new URLSearchParams(query))).toEqual(filters);
    expect(paramsFromFilters(DEFAULT_FILTERS)).toBe("");
  });

  it("ignores values the page does not offer", () => {
    expect(
      filtersFromParams(
        new URLSearchParams("size=1000&order=random&mine=yes&age=45&q=" + "x".repeat(300)),
      ),
    ).toEqual({ ...DEFAULT_FILTERS, search: "x".repeat(100) });
  });
});
