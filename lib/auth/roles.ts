import type { Caller } from "./caller";

/** Directory role template ids as they appear in the `wids` claim (docs/graph-behaviour.md#directory-roles). */
export const DIRECTORY_ROLES = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  userAdministrator: "fe930be7-5e62-47db-91af-98c3a49a38b1",
  helpdeskAdministrator: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
  guestInviter: "95e79109-95c0-4d8e-aee3-d01accf2d47b",
} as const;

/** App roles defined in the portal's app registration (docs/app-registration.md). */
export const APP_ROLES = {
  resetRedemption: "Guests.ResetRedemption",
} as const;

/** Passes when the caller holds any one of the listed app roles or directory roles. */
export type RoleRequirement = {
  anyAppRole?: readonly string[];
  anyDirectoryRole?: readonly string[];
};

export function hasRequiredRole(
  caller: Pick<Caller, "roles" | "wids">,
  requirement: RoleRequirement,
): boolean {
  return (
    (requirement.anyAppRole ?? []).some((role) => caller.roles.includes(role)) ||
    (requirement.anyDirectoryRole ?? []).some((role) => caller.wids.includes(role))
  );
}

/** Graph allows a redemption reset only to these directory roles; the app role lets admins delegate the button. */
export const RESET_REDEMPTION_ROLES: RoleRequirement = {
  anyAppRole: [APP_ROLES.resetRedemption],
  anyDirectoryRole: [
    DIRECTORY_ROLES.helpdeskAdministrator,
    DIRECTORY_ROLES.userAdministrator,
    DIRECTORY_ROLES.globalAdministrator,
  ],
};

/**
 * Who oversees everyone's invitations in the portal: everyone's history, pending links and bulk jobs
 * (redeem links included). The portal's own rule; Graph still decides every call it is asked to make.
 */
export const OVERSIGHT_ROLES: RoleRequirement = RESET_REDEMPTION_ROLES;

export function overseesAllInvitations(caller: Pick<Caller, "roles" | "wids">): boolean {
  return hasRequiredRole(caller, OVERSIGHT_ROLES);
}
