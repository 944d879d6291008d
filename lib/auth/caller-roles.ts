import "server-only";
import { listMyDirectoryRoleTemplateIds } from "@/lib/graph/my-directory-roles";
import { BoundedCache } from "./bounded-cache";
import type { Caller } from "./caller";
import {
  grantedByDirectoryRoles,
  grantedByToken,
  GROUP_ADMIN_ROLES,
  OVERSIGHT_ROLES,
  PORTAL_SETTINGS_ROLES,
  REMOVE_GUEST_ROLES,
  RESET_REDEMPTION_ROLES,
  SPONSOR_UPDATE_ROLES,
  type RoleRequirement,
} from "./roles";

/** A few minutes: roles that grant are reused without asking Graph on every call. */
const ROLE_CACHE = new BoundedCache<{ at: number; roles: Promise<string[]> }>({
  maxEntries: 1_000,
  maxAgeMs: 3 * 60_000,
});

/**
 * A cached answer that would refuse is asked again when older than this: a role activated through PIM
 * after the portal first looked (every page's navigation looks) is honoured at the next check, while a
 * page's burst of checks still shares one lookup.
 */
const REFUSAL_RECHECK_AFTER_MS = 10_000;

export type DirectoryRoleLookup = (
  caller: Caller,
  options?: { fresherThanMs?: number },
) => Promise<string[]>;

/** The caller's current directory roles from Graph, cached per person (bounded). */
export const directoryRolesFromGraph: DirectoryRoleLookup = (caller, options = {}) => {
  const key = `${caller.tid}:${caller.oid}`;
  const cached = ROLE_CACHE.get(key);
  const fresherThan = options.fresherThanMs;
  if (cached && (fresherThan === undefined || Date.now() - cached.at < fresherThan))
    return cached.roles;
  const roles = listMyDirectoryRoleTemplateIds(caller);
  ROLE_CACHE.set(key, { at: Date.now(), roles });
  roles.catch(() => ROLE_CACHE.delete(key));
  return roles;
};

/** For tests that change a person's roles between cases. */
export function forgetDirectoryRoles(): void {
  ROLE_CACHE.clear();
}

/**
 * Roles from the token when it grants the requirement; otherwise from Graph, which also knows roles
 * the token lacks (no `wids` unless the registration asks for them; PIM activations after sign-in).
 */
export async function hasRequiredRole(
  caller: Caller,
  requirement: RoleRequirement,
  lookup: DirectoryRoleLookup = directoryRolesFromGraph,
): Promise<boolean> {
  if (grantedByToken(caller, requirement)) return true;
  if ((requirement.anyDirectoryRole ?? []).length === 0) return false;
  if (grantedByDirectoryRoles(await lookup(caller), requirement)) return true;
  return grantedByDirectoryRoles(
    await lookup(caller, { fresherThanMs: REFUSAL_RECHECK_AFTER_MS }),
    requirement,
  );
}

export function overseesAllInvitations(caller: Caller): Promise<boolean> {
  return hasRequiredRole(caller, OVERSIGHT_ROLES);
}

export function mayRemoveGuests(caller: Caller): Promise<boolean> {
  return hasRequiredRole(caller, REMOVE_GUEST_ROLES);
}

export function mayResetRedemption(caller: Caller): Promise<boolean> {
  return hasRequiredRole(caller, RESET_REDEMPTION_ROLES);
}

export function mayChangePortalSettings(caller: Caller): Promise<boolean> {
  return hasRequiredRole(caller, PORTAL_SETTINGS_ROLES);
}

export function mayManageSponsors(caller: Caller): Promise<boolean> {
  return hasRequiredRole(caller, SPONSOR_UPDATE_ROLES);
}

export function mayChooseAnyGroup(caller: Caller): Promise<boolean> {
  return hasRequiredRole(caller, GROUP_ADMIN_ROLES);
}
