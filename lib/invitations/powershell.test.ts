import { describe, expect, it } from "vitest";
import {
  quotePowerShellString,
  renderInvitationScript,
  renderNewMgInvitationCommand,
} from "./powershell";

describe("quotePowerShellString", () => {
  it("doubles every kind of single quote PowerShell recognises", () => {
    expect(quotePowerShellString("O'Neil")).toBe("'O''Neil'");
    expect(quotePowerShellString("it\u2019s \u2018x\u2019")).toBe(
      "'it\u2019\u2019s \u2018\u2018x\u2019\u2019'",
    );
  });

  it("leaves variables, sub-expressions and backticks inert", () => {
    expect(quotePowerShellString("$env:PATH $(Remove-Item x) `n")).toBe(
      "'$env:PATH $(Remove-Item x) `n'",
    );
  });
});

describe("renderNewMgInvitationCommand", () => {
  it("renders a minimal invitation", () => {
    expect(
      renderNewMgInvitationCommand({
        invitedUserEmailAddress: "ana@fabrikam.com",
        inviteRedirectUrl: "https://myapps.microsoft.com/",
        invitedUserType: "Guest",
        sendInvitationMessage: false,
      }),
    ).toBe(
      [
        "New-MgInvitation `",
        "  -InvitedUserEmailAddress 'ana@fabrikam.com' `",
        "  -InviteRedirectUrl 'https://myapps.microsoft.com/' `",
        "  -InvitedUserType 'Guest' `",
        "  -SendInvitationMessage:$false",
      ].join("\n"),
    );
  });

  it("renders the message info hashtable and sponsors", () => {
    const command = renderNewMgInvitationCommand({
      invitedUserEmailAddress: "ana@fabrikam.com",
      invitedUserDisplayName: "Ana O'Neil",
      inviteRedirectUrl: "https://myapps.microsoft.com/",
      invitedUserType: "Member",
      sendInvitationMessage: true,
      invitedUserMessageInfo: {
        messageLanguage: "es-ES",
        customizedMessageBody: "Hi 'Ana',\nwelcome $name",
        ccRecipients: [{ emailAddress: { address: "boss@fabrikam.com" } }],
      },
      invitedUserSponsors: [
        { id: "0f8fad5b-d9cb-469f-a165-70867728950e" },
        { id: "7c9e6679-7425-40de-944b-e07fc1f90ae7" },
      ],
    });
    expect(command).toBe(
      [
        "New-MgInvitation `",
        "  -InvitedUserEmailAddress 'ana@fabrikam.com' `",
        "  -InvitedUserDisplayName 'Ana O''Neil' `",
        "  -InviteRedirectUrl 'https://myapps.microsoft.com/' `",
        "  -InvitedUserType 'Member' `",
        "  -SendInvitationMessage:$true `",
        "  -InvitedUserMessageInfo @{",
        "      MessageLanguage = 'es-ES'",
        "      CustomizedMessageBody = 'Hi ''Ana'',",
        "welcome $name'",
        "      CcRecipients = @(@{ EmailAddress = @{ Address = 'boss@fabrikam.com' } })",
        "  } `",
        "  -InvitedUserSponsors @(@{ Id = '0f8fad5b-d9cb-469f-a165-70867728950e' }, @{ Id = '7c9e6679-7425-40de-944b-e07fc1f90ae7' })",
      ].join("\n"),
    );
  });

  it("keeps a trailing backtick inside the quoted text, where it is literal", () => {
    const command = renderNewMgInvitationCommand({
      invitedUserEmailAddress: "a@b.com",
      inviteRedirectUrl: "https://b.com",
      sendInvitationMessage: true,
      invitedUserMessageInfo: { customizedMessageBody: "ends with a backtick `" },
    });
    const lines = command.split("\n");
    expect(lines.at(-2)).toBe("      CustomizedMessageBody = 'ends with a backtick `'");
    expect(lines.at(-1)).toBe("  }");
  });
});

describe("renderInvitationScript", () => {
  const request = {
    invitedUserEmailAddress: "ana@fabrikam.com",
    inviteRedirectUrl: "https://myapps.microsoft.com/",
    invitedUserType: "Guest",
    sendInvitationMessage: false,
  };

  it("is the invitation command alone without groups", () => {
    expect(renderInvitationScript(request)).toBe(renderNewMgInvitationCommand(request));
  });

  it("keeps the invitation in $invitation and adds the invited user to each group by reference", () => {
    const script = renderInvitationScript(request, [
      "9a0b1c2d-0001-4a5b-8c6d-7e8f9a0b1c01",
      "9a0b1c2d-0002-4a5b-8c6d-7e8f9a0b1c02",
    ]);
    const lines = script.split("\n");
    expect(lines[0]).toBe("$invitation = New-MgInvitation `");
    expect(lines.slice(-2)).toEqual([
      `New-MgGroupMemberByRef -GroupId '9a0b1c2d-0001-4a5b-8c6d-7e8f9a0b1c01' -BodyParameter @{ "@odata.id" = "https://graph.microsoft.com/v1.0/directoryObjects/$($invitation.InvitedUser.Id)" }`,
      `New-MgGroupMemberByRef -GroupId '9a0b1c2d-0002-4a5b-8c6d-7e8f9a0b1c02' -BodyParameter @{ "@odata.id" = "https://graph.microsoft.com/v1.0/directoryObjects/$($invitation.InvitedUser.Id)" }`,
    ]);
  });
});
