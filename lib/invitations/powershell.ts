import type { InvitationRequest } from "./graph-request";

/*
 * PowerShell ends a single-quoted string at any of these quote characters, not only the ASCII one,
 * and escapes each by doubling it. Single quotes expand nothing ($, backtick, @), so doubling them is
 * all it takes to make any input a literal.
 */
const SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

export function quotePowerShellString(value: string): string {
  return `'${value.replace(SINGLE_QUOTES, (quote) => quote + quote)}'`;
}

function hashtable(entries: [string, string][], indent: string): string {
  const inner = entries.map(([key, value]) => `${indent}    ${key} = ${value}`).join("\n");
  return `@{\n${inner}\n${indent}}`;
}

function messageInfoArgument(request: InvitationRequest): string | undefined {
  const info = request.invitedUserMessageInfo;
  if (!info) return undefined;
  const entries: [string, string][] = [];
  if (info.messageLanguage)
    entries.push(["MessageLanguage", quotePowerShellString(info.messageLanguage)]);
  if (info.customizedMessageBody) {
    entries.push(["CustomizedMessageBody", quotePowerShellString(info.customizedMessageBody)]);
  }
  const addresses = (info.ccRecipients ?? []).flatMap((recipient) =>
    recipient.emailAddress?.address ? [recipient.emailAddress.address] : [],
  );
  if (addresses.length > 0) {
    const recipients = addresses
      .map((address) => `@{ EmailAddress = @{ Address = ${quotePowerShellString(address)} } }`)
      .join(", ");
    entries.push(["CcRecipients", `@(${recipients})`]);
  }
  return entries.length > 0 ? hashtable(entries, "  ") : undefined;
}

/**
 * The `New-MgInvitation` command (module Microsoft.Graph.Identity.SignIns) that sends the same request,
 * for admins who prefer to run it themselves or keep it in a runbook. Safe to paste whatever was typed.
 */
export function renderNewMgInvitationCommand(request: InvitationRequest): string {
  const parameters: string[] = [
    `-InvitedUserEmailAddress ${quotePowerShellString(request.invitedUserEmailAddress)}`,
  ];
  if (request.invitedUserDisplayName) {
    parameters.push(
      `-InvitedUserDisplayName ${quotePowerShellString(request.invitedUserDisplayName)}`,
    );
  }
  parameters.push(`-InviteRedirectUrl ${quotePowerShellString(request.inviteRedirectUrl)}`);
  if (request.invitedUserType)
    parameters.push(`-InvitedUserType ${quotePowerShellString(request.invitedUserType)}`);
  parameters.push(`-SendInvitationMessage:$${request.sendInvitationMessage ? "true" : "false"}`);
  const messageInfo = messageInfoArgument(request);
  if (messageInfo) parameters.push(`-InvitedUserMessageInfo ${messageInfo}`);
  const sponsors = (request.invitedUserSponsors ?? []).flatMap((sponsor) =>
    sponsor.id ? [sponsor.id] : [],
  );
  if (sponsors.length > 0) {
    parameters.push(
      `-InvitedUserSponsors @(${sponsors.map((id) => `@{ Id = ${quotePowerShellString(id)} }`).join(", ")})`,
    );
  }
  return [
    "New-MgInvitation `",
    ...parameters.map(
      (parameter, index) => `  ${parameter}${index < parameters.length - 1 ? " `" : ""}`,
    ),
  ].join("\n");
}

/** Where the invited user's id comes from in the script: the invitation's answer. */
const INVITED_USER_REFERENCE =
  '"https://graph.microsoft.com/v1.0/directoryObjects/$($invitation.InvitedUser.Id)"';

/**
 * The invitation command, and when groups were chosen, one `New-MgGroupMemberByRef` (module
 * Microsoft.Graph.Groups) per group with the invited user's id from `$invitation`. Group ids are
 * validated GUIDs and are quoted all the same; names are left out, so nothing typed reaches the script.
 */
export function renderInvitationScript(
  request: InvitationRequest,
  groupIds: readonly string[] = [],
): string {
  const invitation = renderNewMgInvitationCommand(request);
  if (groupIds.length === 0) return invitation;
  return [
    `$invitation = ${invitation}`,
    ...groupIds.map(
      (id) =>
        `New-MgGroupMemberByRef -GroupId ${quotePowerShellString(id)} -BodyParameter @{ "@odata.id" = ${INVITED_USER_REFERENCE} }`,
    ),
  ].join("\n");
}
