import type { Invitation, InvitedUserMessageInfo } from "@microsoft/microsoft-graph-types";
import type { InviteFormValues } from "./invite-schema";

/** The body of POST /v1.0/invitations, exactly as the portal sends it and as the preview shows it. */
export type InvitationRequest = Invitation & {
  invitedUserEmailAddress: string;
  inviteRedirectUrl: string;
};

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function messageInfo(values: InviteFormValues): InvitedUserMessageInfo | undefined {
  const messageLanguage = present(values.messageLanguage);
  // Plain text (Graph does not render HTML); keep the person's line breaks and inner spacing.
  const customizedMessageBody = values.customMessage?.trim()
    ? values.customMessage.trim()
    : undefined;
  const cc = present(values.ccRecipient);
  const info: InvitedUserMessageInfo = {
    ...(messageLanguage ? { messageLanguage } : {}),
    ...(customizedMessageBody ? { customizedMessageBody } : {}),
    ...(cc ? { ccRecipients: [{ emailAddress: { address: cc } }] } : {}),
  };
  return Object.keys(info).length > 0 ? info : undefined;
}

/**
 * Builds the Graph request from validated form values. Empty optional fields are left out rather than
 * sent as "", and the message settings are sent only when Graph will send the e-mail.
 */
export function buildInvitationRequest(values: InviteFormValues): InvitationRequest {
  const displayName = present(values.displayName);
  const info = values.sendInvitationMessage ? messageInfo(values) : undefined;
  return {
    invitedUserEmailAddress: values.email.trim(),
    ...(displayName ? { invitedUserDisplayName: displayName } : {}),
    inviteRedirectUrl: values.redirectUrl.trim(),
    invitedUserType: values.userType,
    sendInvitationMessage: values.sendInvitationMessage,
    ...(info ? { invitedUserMessageInfo: info } : {}),
    ...(values.sponsors.length > 0
      ? { invitedUserSponsors: values.sponsors.map(({ id }) => ({ id })) }
      : {}),
  };
}
