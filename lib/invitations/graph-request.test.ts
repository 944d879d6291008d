import { describe, expect, it } from "vitest";
import { buildInvitationRequest } from "./graph-request";
import { defaultInviteValues } from "./invite-defaults";
import { inviteSchema, type InviteFormValues } from "./invite-schema";

function values(overrides: Partial<InviteFormValues> = {}): InviteFormValues {
  return inviteSchema.parse({
    ...defaultInviteValues("https://myapps.microsoft.com/"),
    email: "ana@fabrikam.com",
    ...overrides,
  });
}

describe("buildInvitationRequest", () => {
  it("leaves out empty optional fields", () => {
    expect(buildInvitationRequest(values({ sendInvitationMessage: false }))).toEqual({
      invitedUserEmailAddress: "ana@fabrikam.com",
      inviteRedirectUrl: "https://myapps.microsoft.com/",
      invitedUserType: "Guest",
      sendInvitationMessage: false,
    });
  });

  it("maps every field when the e-mail is sent", () => {
    const request = buildInvitationRequest(
      values({
        displayName: " Ana Ruiz ",
        userType: "Member",
        messageLanguage: "es-ES",
        customMessage: "Hola Ana,\n\nbienvenida.\n",
        ccRecipient: "jefe@fabrikam.com",
        sponsors: [{ id: "0f8fad5b-d9cb-469f-a165-70867728950e", displayName: "Megan" }],
      }),
    );
    expect(request).toEqual({
      invitedUserEmailAddress: "ana@fabrikam.com",
      invitedUserDisplayName: "Ana Ruiz",
      inviteRedirectUrl: "https://myapps.microsoft.com/",
      invitedUserType: "Member",
      sendInvitationMessage: true,
      invitedUserMessageInfo: {
        messageLanguage: "es-ES",
        customizedMessageBody: "Hola Ana,\n\nbienvenida.",
        ccRecipients: [{ emailAddress: { address: "jefe@fabrikam.com" } }],
      },
      invitedUserSponsors: [{ id: "0f8fad5b-d9cb-469f-a165-70867728950e" }],
    });
  });

  it("drops the message settings when no e-mail is sent", () => {
    const request = buildInvitationRequest(
      values({
        sendInvitationMessage: false,
        messageLanguage: "es-ES",
        customMessage: "Hola",
        ccRecipient: "jefe@fabrikam.com",
      }),
    );
    expect(request.invitedUserMessageInfo).toBeUndefined();
  });

  it("omits the message info when sending with Graph's defaults", () => {
    expect(
      buildInvitationRequest(values({ customMessage: "   " })).invitedUserMessageInfo,
    ).toBeUndefined();
  });
});
