import { describe, expect, it } from "vitest";
import { z } from "zod";
import { inviteSchema } from "@/lib/invitations/invite-schema";
import { toFieldErrors } from "./field-errors";

const valid = {
  email: "guest@fabrikam.com",
  redirectUrl: "https://myapps.microsoft.com",
  userType: "Guest",
  sendInvitationMessage: false,
  sponsors: [],
};

function fieldErrorsOf(schema: z.ZodType, input: unknown, formPath?: string) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error("expected issues");
  return toFieldErrors(parsed.error.issues, formPath);
}

describe("toFieldErrors", () => {
  it("keeps the invite schema's keys and interpolation values", () => {
    expect(fieldErrorsOf(inviteSchema, { ...valid, email: "guest#1@fabrikam.com" })).toEqual({
      email: [{ key: "validation.email.forbiddenCharacter", params: { character: "#" } }],
    });
    expect(fieldErrorsOf(inviteSchema, { ...valid, displayName: "x".repeat(300) })).toEqual({
      displayName: [{ key: "validation.displayName.tooLong", params: { maximum: 256 } }],
    });
  });

  it("keys nested fields by their path", () => {
    const errors = fieldErrorsOf(inviteSchema, {
      ...valid,
      sponsors: [{ id: "nope", displayName: "A" }],
    });
    expect(errors).toEqual({ "sponsors.0.id": [{ key: "validation.sponsors.invalidId" }] });
  });

  it("reports fields relative to the form's path", () => {
    const input = z.object({ values: inviteSchema, idempotencyKey: z.string() });
    expect(
      fieldErrorsOf(input, { values: { ...valid, email: "" }, idempotencyKey: "k" }, "values"),
    ).toEqual({
      email: [{ key: "validation.email.required" }],
    });
  });

  it("gives zod's own English messages a generic key", () => {
    expect(fieldErrorsOf(z.object({ count: z.number().max(3) }), { count: 5 })).toEqual({
      count: [{ key: "validation.invalid", params: { maximum: 3 } }],
    });
    expect(fieldErrorsOf(z.object({ name: z.string() }), {})).toEqual({
      name: [{ key: "validation.invalid" }],
    });
  });

  it("puts whole-form issues under the empty path", () => {
    expect(fieldErrorsOf(inviteSchema, "not an object")).toEqual({
      "": [{ key: "validation.invalid" }],
    });
  });
});
