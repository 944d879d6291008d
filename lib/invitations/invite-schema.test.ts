import { describe, expect, it } from "vitest";
import { FORBIDDEN_EMAIL_CHARACTERS } from "./email-rules";
import { defaultInviteValues } from "./invite-defaults";
import { CUSTOM_MESSAGE_MAX_LENGTH } from "./invite-fields";
import { inviteSchema, inviteSchemaFor, type InviteFormValues } from "./invite-schema";

const SPONSOR_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

function valid(overrides: Partial<InviteFormValues> = {}): InviteFormValues {
  return {
    ...defaultInviteValues("https://myapps.microsoft.com/?tenantid=contoso"),
    email: "ana@fabrikam.com",
    ...overrides,
  };
}

function issuesOf(values: unknown) {
  const result = inviteSchema.safeParse(values);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.join("."),
    message: issue.message,
    params: issue.code === "custom" ? issue.params : undefined,
  }));
}

describe("inviteSchema", () => {
  it("accepts a minimal invitation and trims the address", () => {
    const result = inviteSchema.parse(valid({ email: "  ana@fabrikam.com " }));
    expect(result.email).toBe("ana@fabrikam.com");
  });

  it("requires an e-mail address", () => {
    expect(issuesOf(valid({ email: " " }))).toEqual([
      { path: "email", message: "validation.email.required", params: undefined },
    ]);
  });

  it.each(FORBIDDEN_EMAIL_CHARACTERS)("names the forbidden character %s", (character) => {
    expect(issuesOf(valid({ email: `an${character}a@fabrikam.com` }))).toEqual([
      { path: "email", message: "validation.email.forbiddenCharacter", params: { character } },
    ]);
  });

  it("explains that plus-addressing is unsupported", () => {
    expect(issuesOf(valid({ email: "ana+news@fabrikam.com" }))[0]?.message).toBe(
      "validation.email.plusAddressing",
    );
  });

  it.each([
    [".ana@fabrikam.com", "."],
    ["ana.@fabrikam.com", "."],
    ["-ana@fabrikam.com", "-"],
    ["ana-@fabrikam.com", "-"],
  ])("rejects %s: period or hyphen at the edge of the local part", (email, character) => {
    expect(issuesOf(valid({ email }))).toEqual([
      { path: "email", message: "validation.email.edgeCharacter", params: { character } },
    ]);
  });

  it.each(["_ana_@fabrikam.com", "a.n-a@fabrikam.com", "o'neil@fabrikam.co.uk", "jörg@müller.de"])(
    "accepts %s",
    (email) => {
      expect(issuesOf(valid({ email }))).toEqual([]);
    },
  );

  it.each([
    "ana",
    "ana@",
    "@fabrikam.com",
    "ana@@fabrikam.com",
    "ana@fabrikam",
    "ana b@fabrikam.com",
    "a..b@fabrikam.com",
    "ana@-fabrikam.com",
  ])("reports %s as badly formed", (email) => {
    expect(issuesOf(valid({ email }))[0]?.message).toBe("validation.email.format");
  });

  it("limits the display name to 256 characters", () => {
    expect(issuesOf(valid({ displayName: "x".repeat(256) }))).toEqual([]);
    expect(issuesOf(valid({ displayName: "x".repeat(257) }))).toEqual([
      { path: "displayName", message: "validation.displayName.tooLong", params: { maximum: 256 } },
    ]);
  });

  it.each([
    ["", "validation.redirectUrl.required"],
    ["myapps.microsoft.com", "validation.redirectUrl.notAbsolute"],
    ["/welcome", "validation.redirectUrl.notAbsolute"],
    ["http://contoso.com", "validation.redirectUrl.httpsRequired"],
    ["javascript:alert(1)", "validation.redirectUrl.httpsRequired"],
  ])("rejects the redirect URL %j", (redirectUrl, message) => {
    expect(issuesOf(valid({ redirectUrl }))[0]?.message).toBe(message);
  });

  it("accepts https redirect URLs, and http://localhost only on the local tenant", () => {
    expect(issuesOf(valid({ redirectUrl: "https://contoso.sharepoint.com/sites/x" }))).toEqual([]);
    const localhost = valid({ redirectUrl: "http://localhost:3000/welcome" });
    expect(issuesOf(localhost)[0]?.message).toBe("validation.redirectUrl.httpsRequired");
    expect(inviteSchemaFor({ localTenant: true }).safeParse(localhost).success).toBe(true);
    expect(inviteSchemaFor({ localTenant: false }).safeParse(localhost).success).toBe(false);
  });

  it.each(["\r", "\n", "\t"])(
    "refuses %j inside a redirect URL, which URL parsers drop silently",
    (character) => {
      const redirectUrl = `https://contoso.example/wel${character}come`;
      expect(issuesOf(valid({ redirectUrl }))).toEqual([
        { path: "redirectUrl", message: "validation.redirectUrl.whitespace", params: undefined },
      ]);
    },
  );

  it("accepts only Guest or Member", () => {
    expect(issuesOf(valid({ userType: "Member" }))).toEqual([]);
    expect(issuesOf({ ...valid(), userType: "Admin" })[0]?.message).toBe(
      "validation.userType.invalid",
    );
  });

  it("checks the message fields when the e-mail is sent", () => {
    const values = valid({
      messageLanguage: "xx-XX",
      customMessage: "x".repeat(CUSTOM_MESSAGE_MAX_LENGTH + 1),
      ccRecipient: "boss+cc@fabrikam.com",
    });
    expect(issuesOf(values)).toEqual([
      {
        path: "messageLanguage",
        message: "validation.messageLanguage.unsupported",
        params: undefined,
      },
      {
        path: "customMessage",
        message: "validation.customMessage.tooLong",
        params: { maximum: CUSTOM_MESSAGE_MAX_LENGTH },
      },
      { path: "ccRecipient", message: "validation.email.plusAddressing", params: undefined },
    ]);
  });

  it("reports field and message problems together", () => {
    const values = valid({ email: "", ccRecipient: "a,b@fabrikam.com" });
    expect(issuesOf(values).map((issue) => issue.path)).toEqual(["email", "ccRecipient"]);
  });

  it("ignores hidden message fields when no e-mail is sent", () => {
    const values = valid({
      sendInvitationMessage: false,
      messageLanguage: "xx",
      ccRecipient: "not an address",
    });
    expect(issuesOf(values)).toEqual([]);
  });

  it("accepts a supported language case-insensitively", () => {
    expect(issuesOf(valid({ messageLanguage: "es-es" }))).toEqual([]);
  });

  it("accepts up to five distinct sponsors with GUID ids", () => {
    const sponsors = Array.from({ length: 5 }, (_, index) => ({
      id: `0f8fad5b-d9cb-469f-a165-70867728950${index}`,
      displayName: `Sponsor ${index}`,
    }));
    expect(issuesOf(valid({ sponsors }))).toEqual([]);
    const six = [...sponsors, { id: "0f8fad5b-d9cb-469f-a165-708677289509", displayName: "Six" }];
    expect(issuesOf(valid({ sponsors: six }))[0]?.message).toBe("validation.sponsors.tooMany");
  });

  it("rejects a sponsor id that is not a GUID and a repeated sponsor", () => {
    expect(issuesOf(valid({ sponsors: [{ id: "me", displayName: "Me" }] }))[0]).toMatchObject({
      path: "sponsors.0.id",
      message: "validation.sponsors.invalidId",
    });
    const twice = [
      { id: SPONSOR_ID, displayName: "A" },
      { id: SPONSOR_ID.toUpperCase(), displayName: "A" },
    ];
    expect(issuesOf(valid({ sponsors: twice }))[0]?.message).toBe("validation.sponsors.duplicate");
  });

  it("uses i18n keys for type errors from a crafted request", () => {
    const issues = issuesOf({
      email: 5,
      redirectUrl: null,
      userType: "Guest",
      sendInvitationMessage: "yes",
      sponsors: {},
    });
    for (const issue of issues) expect(issue.message).toMatch(/^validation\./);
  });
});

describe("hostile characters", () => {
  const NUL = "\u0000";
  const nul = (path: string) => [{ path, message: "validation.nulCharacter", params: undefined }];
  const sponsor = { id: SPONSOR_ID, displayName: "Megan" };

  it.each([
    ["email", { email: `ana${NUL}@fabrikam.com` }],
    ["displayName", { displayName: `Ana${NUL}` }],
    ["redirectUrl", { redirectUrl: `https://contoso.example/${NUL}` }],
    ["messageLanguage", { messageLanguage: `es${NUL}` }],
    ["customMessage", { customMessage: `Hi${NUL}` }],
    ["ccRecipient", { ccRecipient: `boss${NUL}@contoso.com` }],
    ["sponsors.0.displayName", { sponsors: [{ ...sponsor, displayName: `M${NUL}` }] }],
  ])("refuses NUL in %s with a field error", (path, overrides) => {
    expect(issuesOf(valid(overrides as Partial<InviteFormValues>))).toEqual(nul(path));
  });

  it("refuses NUL in a hidden message field too", () => {
    const hidden = valid({ sendInvitationMessage: false, customMessage: NUL });
    expect(issuesOf(hidden)).toEqual(nul("customMessage"));
  });

  const INVISIBLE = [
    0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061,
    0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff,
  ].map((code) => [String.fromCodePoint(code), `U+${code.toString(16).toUpperCase()}`]);

  it.each(INVISIBLE)(
    "names the invisible character %j (%s) in addresses and names",
    (character, code) => {
      const issue = (path: string) => ({
        path,
        message: "validation.invisibleCharacter",
        params: { character: code },
      });
      expect(issuesOf(valid({ email: `ana${character}@fabrikam.com` }))).toEqual([issue("email")]);
      expect(issuesOf(valid({ displayName: `An${character}a` }))).toEqual([issue("displayName")]);
      expect(issuesOf(valid({ ccRecipient: `bo${character}ss@contoso.com` }))).toEqual([
        issue("ccRecipient"),
      ]);
      expect(
        issuesOf(valid({ sponsors: [{ ...sponsor, displayName: `Me${character}gan` }] })),
      ).toEqual([issue("sponsors.0.displayName")]);
    },
  );

  it("refuses half a surrogate pair, which is no text and breaks URL encoding", () => {
    expect(issuesOf(valid({ email: "ana\ud800@fabrikam.com" }))[0]).toMatchObject({
      path: "email",
      message: "validation.invalid",
    });
    expect(issuesOf(valid({ displayName: "\udc00Ana" }))[0]?.message).toBe("validation.invalid");
    expect(issuesOf(valid({ displayName: "Ana 😀" }))).toEqual([]);
  });

  it("keeps ordinary accents and scripts", () => {
    expect(issuesOf(valid({ displayName: "José Ñúñez 李雷 محمد" }))).toEqual([]);
  });
});
