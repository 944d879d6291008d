import { describe, expect, it } from "vitest";
import { toFieldErrors } from "@/lib/server-action/field-errors";
import { defaultInviteValues } from "@/lib/invitations/invite-defaults";
import { inviteSchema } from "@/lib/invitations/invite-schema";
import { decodeFieldError } from "./field-error-codec";
import { schemaResolver } from "./schema-resolver";

const resolver = schemaResolver(inviteSchema);
const options = { fields: {}, shouldUseNativeValidation: false } as Parameters<typeof resolver>[2];

describe("schemaResolver", () => {
  it("reports what the server reports, with interpolation values", async () => {
    const values = {
      ...defaultInviteValues("http://contoso.com"),
      email: "an#a@fabrikam.com",
      displayName: "x".repeat(300),
      sponsors: [{ id: "not-a-guid", displayName: "X" }],
    };
    const { errors } = await resolver(values, undefined, options);
    const server = toFieldErrors(inviteSchema.safeParse(values).error?.issues ?? []);

    expect(decodeFieldError(errors.email?.message)).toEqual(server.email?.[0]);
    expect(decodeFieldError(errors.email?.message)).toEqual({
      key: "validation.email.forbiddenCharacter",
      params: { character: "#" },
    });
    expect(decodeFieldError(errors.displayName?.message)).toEqual(server.displayName?.[0]);
    expect(decodeFieldError(errors.redirectUrl?.message)?.key).toBe(
      "validation.redirectUrl.httpsRequired",
    );
    // Nested paths become react-hook-form's nested errors.
    expect(decodeFieldError(errors.sponsors?.[0]?.id?.message)?.key).toBe(
      "validation.sponsors.invalidId",
    );
  });

  it("returns the parsed values when everything is valid", async () => {
    const values = {
      ...defaultInviteValues("https://myapps.microsoft.com/"),
      email: " ana@fabrikam.com ",
    };
    const result = await resolver(values, undefined, options);
    expect(result.errors).toEqual({});
    expect(result.values).toMatchObject({ email: "ana@fabrikam.com" });
  });
});

describe("decodeFieldError", () => {
  it("treats a plain message as a key", () => {
    expect(decodeFieldError("validation.invalid")).toEqual({ key: "validation.invalid" });
    expect(decodeFieldError(undefined)).toBeUndefined();
  });
});
