import { describe, expect, it } from "vitest";
import { guarded, hasErrorCode, StoreError } from "./store-error";

// Next.js can bundle lib/db twice; an error from the other copy is no `instanceof` this copy's class.
class OtherCopyOfInvalidCursorError extends Error {
  readonly code = "invalid_cursor";
}

describe("guarded", () => {
  it("lets a bad cursor from another copy of the module through by its code", async () => {
    const error = new OtherCopyOfInvalidCursorError("bad");
    await expect(guarded("listHistory", () => Promise.reject(error))).rejects.toBe(error);
  });

  it("turns a driver error into a StoreError with only the SQLSTATE", async () => {
    const driver = Object.assign(new Error("duplicate key (secret=https://redeem)"), {
      code: "23505",
    });
    const caught = await guarded("beginAttempt", () => Promise.reject(driver)).catch(
      (error: unknown) => error,
    );
    expect(hasErrorCode(caught, "store_error")).toBe(true);
    expect(caught).toBeInstanceOf(StoreError);
    expect(String(caught)).not.toContain("redeem");
    expect((caught as StoreError).sqlState).toBe("23505");
  });
});

describe("hasErrorCode", () => {
  it("reads only a `code` property, whatever was thrown", () => {
    expect(hasErrorCode({ code: "invalid_cursor" }, "invalid_cursor")).toBe(true);
    expect(hasErrorCode(new Error("invalid_cursor"), "invalid_cursor")).toBe(false);
    expect(hasErrorCode(null, "invalid_cursor")).toBe(false);
    expect(hasErrorCode("invalid_cursor", "invalid_cursor")).toBe(false);
  });
});
