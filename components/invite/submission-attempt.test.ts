import { describe, expect, it } from "vitest";
import { defaultInviteValues } from "@/lib/invitations/invite-defaults";
import { attemptFor } from "./submission-attempt";

const values = {
  ...defaultInviteValues("https://myapps.microsoft.com/"),
  email: "ana@fabrikam.com",
};
let counter = 0;
const newKey = () => `key-${++counter}`;

describe("attemptFor", () => {
  it("starts a new submission the first time", () => {
    expect(attemptFor(null, values, newKey).idempotencyKey).toMatch(/^key-/);
  });

  it("reuses the key for a retry of the same values", () => {
    const first = attemptFor(null, values, newKey);
    expect(attemptFor(first, { ...values }, newKey)).toBe(first);
  });

  it("treats changes Graph would not see as the same submission", () => {
    const first = attemptFor(null, values, newKey);
    expect(attemptFor(first, { ...values, displayName: "   " }, newKey)).toBe(first);
  });

  it("mints a new key when the values change", () => {
    const first = attemptFor(null, values, newKey);
    const second = attemptFor(first, { ...values, email: "bea@fabrikam.com" }, newKey);
    expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
  });
});
