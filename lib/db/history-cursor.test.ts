import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, InvalidCursorError } from "./history-cursor";

describe("history cursor", () => {
  it("round-trips a position to the millisecond", () => {
    const position = {
      createdAt: new Date("2025-03-04T05:06:07.891Z"),
      id: "0f8fad5b-d9cb-469f-a165-70867728950e",
    };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it("is URL-safe", () => {
    const cursor = encodeCursor({
      createdAt: new Date(),
      id: "0f8fad5b-d9cb-469f-a165-70867728950e",
    });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it.each([
    ["empty", ""],
    ["not base64 JSON", "%%%"],
    ["a JSON object", Buffer.from('{"a":1}').toString("base64url")],
    [
      "a bad date",
      Buffer.from('["yesterday","0f8fad5b-d9cb-469f-a165-70867728950e"]').toString("base64url"),
    ],
    ["a bad id", Buffer.from('["2025-03-04T05:06:07.891Z","1; drop table"]').toString("base64url")],
  ])("rejects %s", (_, cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(InvalidCursorError);
  });
});
