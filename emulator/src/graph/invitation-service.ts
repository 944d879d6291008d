import { randomBytes, randomUUID } from "node:crypto";
import type { InvitationRecord } from "../store/invitation-record";
import { invitedUser } from "../store/new-user";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { GraphError, graphErrors } from "./graph-error";
import {
  ADMINISTRATOR_ROLES,
  RESET_REDEMPTION_ROLES,
  hasAnyPermission,
  holdsAnyRole,
  type GraphCaller,
} from "./graph-caller";
import type { InvitationRequest } from "./invitation-request";
import { validateInvitation, type ValidatedRequest } from "./invitation-validation";
import { assertDomainAllowed, assertMayInvite } from "./invite-policy";

export const INVITE_PERMISSIONS = [
  "User.Invite.All",
  "User.ReadWrite.All",
  "Directory.ReadWrite.All",
] as const;
const RESET_PERMISSIONS = ["User.ReadWrite.All", "Directory.ReadWrite.All"] as const;

export type InvitationStatus = "PendingAcceptance" | "Completed";

// Typographic apostrophes, as the service sends them (docs/graph-behaviour.md#reset-redemption, "Reset redemption").
const EMAIL_MISMATCH =
  "The email you’re using to invite this user doesn’t match any emails on the user object. Please add this email to the user object and try again.";

function recordInvitation(
  tenant: TenantState,
  user: UserRecord,
  caller: GraphCaller,
  validated: ValidatedRequest,
  request: InvitationRequest,
  origin: string,
): InvitationRecord {
  const id = randomUUID();
  const ticket = randomBytes(24).toString("base64url");
  const inner = `https://invitations.microsoft.com/redeem/?tenant=${tenant.identity.tenantId}&user=${id}&ticket=${ticket}&ver=2.0`;
  // Microsoft's outer shape, but on the local tenant's own origin so the link opens its redeem page.
  const inviteRedeemUrl = `${tenant.settings.redeemOrigin ?? origin}/redeem?rd=${encodeURIComponent(inner)}`;
  const record: InvitationRecord = {
    id,
    userId: user.id,
    ticket,
    invitedUserEmailAddress: validated.email,
    inviteRedirectUrl: validated.redirectUrl,
    inviteRedeemUrl,
    inviterId: caller.user.id,
    createdDateTime: new Date().toISOString(),
    resetRedemption: request.resetRedemption === true,
    sendInvitationMessage: request.sendInvitationMessage === true,
    ccRecipients: (request.invitedUserMessageInfo?.ccRecipients ?? []).flatMap((recipient) =>
      recipient?.emailAddress?.address ? [recipient.emailAddress.address] : [],
    ),
    supersededDateTime: null,
    redeemedDateTime: null,
  };
  tenant.invitations.set(id, record);
  return record;
}

function responseBody(
  record: InvitationRecord,
  user: UserRecord,
  request: InvitationRequest,
  validated: ValidatedRequest,
  status: InvitationStatus,
  origin: string,
) {
  const info = request.invitedUserMessageInfo;
  const recipients = info?.ccRecipients?.length
    ? info.ccRecipients.map((recipient) => ({
        emailAddress: {
          name: recipient?.emailAddress?.name ?? null,
          address: recipient?.emailAddress?.address ?? null,
        },
      }))
    : // Graph answers an empty recipient when none was given (graph-contract/doc-examples).
      [{ emailAddress: { name: null, address: null } }];
  return {
    "@odata.context": `${origin}/v1.0/$metadata#invitations/$entity`,
    id: record.id,
    inviteRedeemUrl: record.inviteRedeemUrl,
    invitedUserDisplayName: request.invitedUserDisplayName ?? null,
    invitedUserType: validated.userType,
    invitedUserEmailAddress: validated.email,
    sendInvitationMessage: request.sendInvitationMessage === true,
    resetRedemption: request.resetRedemption === true,
    inviteRedirectUrl: validated.redirectUrl,
    status,
    invitedUserMessageInfo: {
      messageLanguage: info?.messageLanguage ?? null,
      customizedMessageBody: info?.customizedMessageBody ?? null,
      ccRecipients: recipients,
    },
    invitedUser: { id: user.id, userPrincipalName: user.userPrincipalName },
    ...(validated.sponsorIds
      ? { invitedUserSponsors: validated.sponsorIds.map((id) => ({ id })) }
      : {}),
  };
}

export type InvitationResponse = ReturnType<typeof responseBody>;

function resetRedemption(
  tenant: TenantState,
  caller: GraphCaller,
  request: InvitationRequest,
  validated: ValidatedRequest,
  origin: string,
) {
  const userId = request.invitedUser?.id;
  if (!userId)
    throw graphErrors.badRequest("The invitedUser id is required when resetRedemption is true.");
  if (!hasAnyPermission(caller, RESET_PERMISSIONS)) throw graphErrors.insufficientPrivileges();
  // Without the directory role the service answers its own 403, not Graph's Authorization_RequestDenied.
  if (!holdsAnyRole(caller.user, RESET_REDEMPTION_ROLES)) throw graphErrors.genericAuthorization();
  const user = tenant.users.get(userId);
  if (!user) throw graphErrors.resourceNotFound(userId);
  // A Helpdesk Administrator manages only users without an administrator role.
  if (!holdsAnyRole(caller.user, ADMINISTRATOR_ROLES) && user.directoryRoles.length > 0) {
    throw graphErrors.genericAuthorization();
  }
  const address = validated.email.toLowerCase();
  const known = [user.mail, ...user.otherMails]
    .filter((item): item is string => !!item)
    .map((item) => item.toLowerCase());
  // An address PATCH just added is not on every replica yet (docs/graph-behaviour.md#replication-delay).
  if (!known.includes(address) || !tenant.addressReplication.isVisible(user.id, address))
    throw graphErrors.badRequest(EMAIL_MISMATCH);
  assertDomainAllowed(tenant, validated.email);

  const now = new Date().toISOString();
  for (const invitation of tenant.invitations.values()) {
    if (invitation.userId === user.id && !invitation.supersededDateTime)
      invitation.supersededDateTime = now;
  }
  // externalUserStateChangeDateTime is "the latest change to externalUserState" [doc: user resource]:
  // resetting a guest who is already pending changes neither.
  if (user.externalUserState !== "PendingAcceptance") {
    tenant.users.update(user, {
      externalUserState: "PendingAcceptance",
      externalUserStateChangeDateTime: now,
    });
  }
  const record = recordInvitation(tenant, user, caller, validated, request, origin);
  return responseBody(record, user, request, validated, "PendingAcceptance", origin);
}

/** POST /invitations after authentication: Entra's rules, then the guest created or updated. */
/** `origin` is where the caller reached the tenant: links and contexts use it. */
export function createInvitation(
  tenant: TenantState,
  caller: GraphCaller,
  request: InvitationRequest,
  origin: string,
): InvitationResponse {
  const validated = validateInvitation(tenant, request);
  if (request.resetRedemption === true)
    return resetRedemption(tenant, caller, request, validated, origin);

  assertMayInvite(tenant, caller.user);
  if (validated.userType === "Member" && !holdsAnyRole(caller.user, ADMINISTRATOR_ROLES)) {
    throw graphErrors.insufficientPrivileges();
  }
  assertDomainAllowed(tenant, validated.email);

  const existing = tenant.users.findByAddress(validated.email);
  const member = existing.find((user) => user.creationType !== "Invitation");
  if (member) {
    const { status, code } = tenant.settings.memberAddressError;
    throw new GraphError(
      status,
      code,
      `The invited user already exists in the directory as object ID: ${member.id}.`,
    );
  }
  const guest = existing[0];
  if (guest) {
    // Re-invitation: same user, new invitation id and redeem URL (docs/graph-behaviour.md#re-invitation).
    const record = recordInvitation(tenant, guest, caller, validated, request, origin);
    const status: InvitationStatus =
      guest.externalUserState === "Accepted"
        ? tenant.settings.reinviteRedeemedStatus
        : "PendingAcceptance";
    return responseBody(record, guest, request, validated, status, origin);
  }

  let userPrincipalName: string | undefined;
  const base = `${validated.email.replace("@", "_")}#EXT#`;
  for (
    let suffix = 0;
    !userPrincipalName || tenant.users.hasUserPrincipalName(userPrincipalName);
    suffix++
  ) {
    userPrincipalName = `${suffix === 0 ? base : base.replace("#EXT#", `${suffix}#EXT#`)}@${tenant.identity.domain}`;
  }
  const user = tenant.users.add(
    invitedUser({
      email: validated.email,
      displayName: request.invitedUserDisplayName || null,
      userType: validated.userType,
      sponsorIds: validated.sponsorIds ?? [caller.user.id],
      userPrincipalName,
      visibleFromEpochMs: Date.now() + tenant.settings.replicationDelayMs,
    }),
  );
  const record = recordInvitation(tenant, user, caller, validated, request, origin);
  return responseBody(record, user, request, validated, "PendingAcceptance", origin);
}
