import { describe, expect, it } from "vitest";
import { pathFromNextLink } from "./next-link";

describe("pathFromNextLink", () => {
  it("keeps the resource path and query, without origin or version", () => {
    expect(
      pathFromNextLink(
        "https://graph.microsoft.com/v1.0/users?$filter=externalUserState%20eq%20'PendingAcceptance'&$skiptoken=X%2BY",
        "https://graph.microsoft.com",
      ),
    ).toBe("/users?$filter=externalUserState%20eq%20'PendingAcceptance'&$skiptoken=X%2BY");
    expect(
      pathFromNextLink("http://127.0.0.1:4010/v1.0/users?$skiptoken=abc", "http://127.0.0.1:4010"),
    ).toBe("/users?$skiptoken=abc");
  });

  it("refuses links to another origin", () => {
    expect(() =>
      pathFromNextLink("https://evil.example/v1.0/users", "https://graph.microsoft.com"),
    ).toThrow();
    expect(() =>
      pathFromNextLink("http://127.0.0.1:4011/v1.0/users", "http://127.0.0.1:4010"),
    ).toThrow();
  });
});
