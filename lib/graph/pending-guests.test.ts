import { describe, expect, it } from "vitest";
import { buildPendingGuestsRequest, MAX_IDS_PER_QUERY } from "./pending-guests";

describe("buildPendingGuestsRequest", () => {
  it("asks for pending guests with their sponsors in Graph's default order, no advanced query", () => {
    const request = buildPendingGuestsRequest({ pageSize: 25, order: "default" });
    expect(request).toMatchObject({
      path: "/users?$expand=sponsors($select=id,displayName)",
      filter: "externalUserState eq 'PendingAcceptance'",
      top: 25,
    });
    expect(request.select).toContain("createdDateTime");
    expect(request.headers).toBeUndefined();
    expect(request.count).toBeUndefined();
  });

  it("sorts by creation time as an advanced query, without $expand", () => {
    expect(buildPendingGuestsRequest({ pageSize: 50, order: "newest" })).toMatchObject({
      path: "/users",
      orderby: "createdDateTime desc",
      count: true,
      headers: { ConsistencyLevel: "eventual" },
    });
    expect(buildPendingGuestsRequest({ pageSize: 50, order: "oldest" }).orderby).toBe(
      "createdDateTime asc",
    );
  });

  it("searches name or e-mail by prefix with a quoted literal", () => {
    expect(
      buildPendingGuestsRequest({ pageSize: 25, order: "default", search: " o'brien " }).filter,
    ).toBe(
      "externalUserState eq 'PendingAcceptance' and (startswith(displayName,'o''brien') or startswith(mail,'o''brien'))",
    );
  });

  it("restricts to given ids with in (…), at most 15", () => {
    expect(
      buildPendingGuestsRequest({ pageSize: 25, order: "default", ids: ["a", "b"] }).filter,
    ).toBe("externalUserState eq 'PendingAcceptance' and id in ('a','b')");
    const tooMany = Array.from({ length: MAX_IDS_PER_QUERY + 1 }, (_, index) => `id${index}`);
    expect(() =>
      buildPendingGuestsRequest({ pageSize: 25, order: "default", ids: tooMany }),
    ).toThrow();
  });
});
