import type { Caller } from "./caller";

/** Directory role template ids as they appear in the `wids` claim and in Graph's roleTemplateId. */
export const DIRECTORY_ROLES = {
  globalAdministrator: "62e90394-69f5-4237-9190-012177145e10",
  userAdministrator: "fe930be7-5e62-47db-91af-98c3a49a38b1",
  helpdeskAdministrator: "729827e3-9c14-49f7-bb1b-9608f156bbb8",
  guestInviter: "95e79109-95c0-4d8e-aee3-d01accf2d47b",
  groupsAdministrator: "fdd7a751-b60b-444a-984c-02652fe8fa1c",
  directoryWriters: "9360feb5-f418-4baa-8175-e2a00bac4301",
  privilegedRoleAdministrator: "e8611ab8-c189-46e8-94e1-60213ab1f814",
  cloudApplicationAdministrator: "158c047a-c907-4556-b7ef-446551a6b5f7",
} as const;

/** App roles defined in the portal's app registration (docs/app-registration.md). */
export const APP_ROLES = {
  /** Sees everyone's history, redeem links and bulk jobs: only what the portal itself controls. */
  oversee: "Invitations.Oversee",
  /** The role's earlier name; still honoured for oversight, never for resets. */
  legacyResetRedemption: "Guests.ResetRedemption",
} as const;

/** Passes when the caller holds any one of the listed app roles or directory roles. */
export type RoleRequirement = {
  anyAppRole?: readonly string[];
  anyDirectoryRole?: readonly string[];
};

/** What the token alone grants: app roles, and directory roles when the token carries `wids`. */
export function grantedByToken(
  caller: Pick<Caller, "roles" | "wids">,
  requirement: RoleRequirement,
): boolean {
  return (
    (requirement.anyAppRole ?? []).some((role) => caller.roles.includes(role)) ||
    grantedByDirectoryRoles(caller.wids, requirement)
  );
}

export function grantedByDirectoryRoles(
  directoryRoles: readonly string[],
  requirement: RoleRequirement,
): boolean {
  return (requirement.anyDirectoryRole ?? []).some((role) => directoryRoles.includes(role));
}

/**
 * Graph allows a redemption reset only to these directory roles, so only they see the button; an app
 * role cannot make Graph accept it (docs/app-registration.md).
 */
export const RESET_REDEMPTION_ROLES: RoleRequirement = {
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
export const OVERSIGHT_ROLES: RoleRequirement = {
  anyAppRole: [APP_ROLES.oversee, APP_ROLES.legacyResetRedemption],
  anyDirectoryRole: RESET_REDEMPTION_ROLES.anyDirectoryRole ?? [],
};

/**
 * Graph lets only these directory roles add or remove a guest's sponsors (the role permission
 * microsoft.directory/users/sponsors/update; docs/graph-behaviour.md#sponsors): not Helpdesk
 * Administrator, not Guest Inviter, not the inviter. An app role cannot make Graph accept it.
 */
export const SPONSOR_UPDATE_ROLES: RoleRequirement = {
  anyDirectoryRole: [
    DIRECTORY_ROLES.userAdministrator,
    DIRECTORY_ROLES.directoryWriters,
    DIRECTORY_ROLES.globalAdministrator,
  ],
};

/** Who may grant tenant-wide consent, and so is shown the admin-consent link. */
export const ADMIN_CONSENT_ROLES: RoleRequirement = {
  anyDirectoryRole: [
    DIRECTORY_ROLES.globalAdministrator,
    DIRECTORY_ROLES.privilegedRoleAdministrator,
    DIRECTORY_ROLES.cloudApplicationAdministrator,
  ],
};

/**
 * Who may change the portal's own settings (the weekly stale-invitations policy): Global and User
 * Administrators, the directory roles that manage guest accounts themselves. Helpdesk Administrators
 * reset redemptions but do not decide tenant-wide guest policy, and no app role can grant this.
 */
export const PORTAL_SETTINGS_ROLES: RoleRequirement = {
  anyDirectoryRole: [DIRECTORY_ROLES.globalAdministrator, DIRECTORY_ROLES.userAdministrator],
};

/**
 * Who may pick any group of the directory on the invite form (not only groups they own): roles Graph
 * lets add members to any group (docs/graph-behaviour.md#group-memberships). Graph still decides.
 */
export const GROUP_ADMIN_ROLES: RoleRequirement = {
  anyDirectoryRole: [
    DIRECTORY_ROLES.globalAdministrator,
    DIRECTORY_ROLES.userAdministrator,
    DIRECTORY_ROLES.groupsAdministrator,
    DIRECTORY_ROLES.directoryWriters,
  ],
};

/**
 * Graph deletes and restores users only for these directory roles (with User.ReadWrite.All), so only
 * they see Remove and Restore (docs/graph-behaviour.md#removing-and-restoring-guests).
 */
export const REMOVE_GUEST_ROLES: RoleRequirement = {
  anyDirectoryRole: [DIRECTORY_ROLES.userAdministrator, DIRECTORY_ROLES.globalAdministrator],
};
