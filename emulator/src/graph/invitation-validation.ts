import type { TenantState } from "../tenant-state";
import { isInvitableAddress, isLanguageTag } from "./email-address";
import { graphErrors } from "./graph-error";
import type { InvitationRequest } from "./invitation-request";

export type ValidatedRequest = {
  email: string;
  redirectUrl: string;
  userType: "Guest" | "Member";
  sponsorIds: string[] | null;
};

/** The documented rules of POST /invitations; the messages of its 400s are ours (README). */
export function validateInvitation(
  tenant: TenantState,
  request: InvitationRequest,
): ValidatedRequest {
  const email = request.invitedUserEmailAddress?.trim() ?? "";
  if (!email) throw graphErrors.badRequest("The invitedUserEmailAddress property is required.");
  if (!isInvitableAddress(email)) {
    throw graphErrors.badRequest(`The email address '${email}' is not valid for an invitation.`);
  }
  const redirectUrl = request.inviteRedirectUrl?.trim() ?? "";
  if (!redirectUrl) throw graphErrors.badRequest("The inviteRedirectUrl property is required.");
  let parsed: URL | undefined;
  try {
    parsed = new URL(redirectUrl);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw graphErrors.badRequest(
      `The inviteRedirectUrl '${redirectUrl}' is not a valid absolute http or https URL.`,
    );
  }
  const type = (request.invitedUserType ?? "Guest").toLowerCase();
  if (type !== "guest" && type !== "member") {
    throw graphErrors.badRequest(
      `Invalid invitedUserType '${request.invitedUserType}'. Allowed values are 'Guest' and 'Member'.`,
    );
  }
  const info = request.invitedUserMessageInfo;
  const recipients = info?.ccRecipients ?? [];
  if (recipients.length > 1 && tenant.settings.multipleCcRecipients === "reject") {
    throw graphErrors.badRequest("Only one ccRecipient is supported in invitedUserMessageInfo.");
  }
  for (const recipient of recipients) {
    const address = recipient?.emailAddress?.address;
    if (address !== null && address !== undefined && !isInvitableAddress(address)) {
      throw graphErrors.badRequest(`The ccRecipients email address '${address}' is not valid.`);
    }
  }
  const language = info?.messageLanguage;
  if (language && tenant.settings.validateMessageLanguage && !isLanguageTag(language)) {
    throw graphErrors.badRequest(`The messageLanguage '${language}' is not a valid language tag.`);
  }
  let sponsorIds: string[] | null = null;
  if (request.invitedUserSponsors && request.invitedUserSponsors.length > 0) {
    sponsorIds = request.invitedUserSponsors.map((sponsor) => sponsor.id ?? "");
    for (const id of sponsorIds) {
      if (!tenant.users.get(id))
        throw graphErrors.badRequest(`The sponsor '${id}' does not exist in the directory.`);
    }
  }
  return { email, redirectUrl, userType: type === "member" ? "Member" : "Guest", sponsorIds };
}
