import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { domainOf } from "./email-address";
import { GraphError, graphErrors } from "./graph-error";
import { ALWAYS_INVITE_ROLES, holdsAnyRole } from "./graph-caller";

const INVITATIONS_NOT_ALLOWED =
  "Guest invitations not allowed for your company. Contact your company administrator for more details.";

type InviteRight = "allowed" | "refused" | "tenantForbidsInvitations";

function inviteRight(tenant: TenantState, user: UserRecord): InviteRight {
  const policy = tenant.settings.allowInvitesFrom;
  if (policy === "none") return "tenantForbidsInvitations";
  if (user.invitationsRestricted) return "refused";
  if (holdsAnyRole(user, ALWAYS_INVITE_ROLES)) return "allowed";
  switch (policy) {
    case "everyone":
      return "allowed";
    case "adminsGuestInvitersAndAllMembers":
      return user.userType === "Member" ? "allowed" : "refused";
    case "adminsAndGuestInviters":
      return "refused";
  }
}

/**
 * Who may invite (docs/graph-behaviour.md#who-may-invite). A tenant that allows no invitations at all answers
 * Microsoft's documented 403; a person the policy leaves out gets `inviteRefusedAnswer`, by default the
 * 401 MSGraphInviteAPI error seen in the wild, which a client must not read as an expired session.
 */
export function assertMayInvite(tenant: TenantState, user: UserRecord): void {
  const right = inviteRight(tenant, user);
  if (right === "allowed") return;
  if (right === "refused" && tenant.settings.inviteRefusedAnswer === "unauthorized")
    throw graphErrors.inviteUnauthorized(tenant.identity.tenantId);
  throw new GraphError(403, tenant.settings.invitationsNotAllowedCode, INVITATIONS_NOT_ALLOWED);
}

export function assertDomainAllowed(tenant: TenantState, address: string): void {
  const domain = domainOf(address);
  const { domainAllowList, domainDenyList, blockedDomainError } = tenant.settings;
  const allowed = domainAllowList.map((item) => item.toLowerCase());
  const denied = domainDenyList.map((item) => item.toLowerCase());
  if (denied.includes(domain) || (allowed.length > 0 && !allowed.includes(domain))) {
    throw new GraphError(
      blockedDomainError.status,
      blockedDomainError.code,
      blockedDomainError.message,
    );
  }
}
