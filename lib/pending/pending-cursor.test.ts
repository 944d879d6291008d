import { describe, expect, it } from "vitest";
import { openPendingCursor, sealPendingCursor, type PendingCursor } from "./pending-cursor";

const binding = { oid: "me", query: "25|default||" };
const cursor: PendingCursor = {
  kind: "graph",
  nextLink: "https://graph.microsoft.com/v1.0/users?$skiptoken=abc",
};

describe("pending cursor", () => {
  it("round-trips for the same person and query", () => {
    const sealed = sealPendingCursor(cursor, binding, "secret");
    expect(openPendingCursor(sealed, binding, "secret")).toEqual(cursor);
    const history: PendingCursor = { kind: "history", offset: 50 };
    expect(
      openPendingCursor(sealPendingCursor(history, binding, "secret"), binding, "secret"),
    ).toEqual(history);
  });

  it("refuses a cursor that was altered, signed with another secret, or made for someone or something else", () => {
    const sealed = sealPendingCursor(cursor, binding, "secret");
    const [body, mac] = sealed.split(".");
    const forged = Buffer.from(
      JSON.stringify({
        o: "me",
        q: binding.query,
        c: { kind: "graph", nextLink: "https://evil.example/v1.0/users" },
      }),
    ).toString("base64url");
    expect(() => openPendingCursor(`${forged}.${mac}`, binding, "secret")).toThrow();
    expect(() => openPendingCursor(`${body}.${mac}x`, binding, "secret")).toThrow();
    expect(() => openPendingCursor(sealed, binding, "other secret")).toThrow();
    expect(() =>
      openPendingCursor(sealed, { ...binding, oid: "someone else" }, "secret"),
    ).toThrow();
    expect(() =>
      openPendingCursor(sealed, { ...binding, query: "50|default||" }, "secret"),
    ).toThrow();
    expect(() => openPendingCursor("garbage", binding, "secret")).toThrow();
  });
});
