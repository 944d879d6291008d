import { DIRECTORY_ROLES, type DirectoryRoleTemplateId } from "../constants";
import { resolveUser } from "../identity/direct-tokens";
import type { ConditionalAccessPolicy } from "../settings";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { ControlError } from "./control-input";

export const CONDITIONAL_ACCESS_POLICIES: readonly ConditionalAccessPolicy[] = [
  "none",
  "mfa",
  "blocked",
];

function userOf(tenant: TenantState, key: string): UserRecord {
  const user = resolveUser(tenant, key);
  if (!user) throw new ControlError(404, `no user '${key}'`);
  return user;
}

function roleOf(roleTemplateId: string): DirectoryRoleTemplateId {
  const id = roleTemplateId.toLowerCase();
  if (!(id in DIRECTORY_ROLES))
    throw new ControlError(400, `unknown roleTemplateId '${roleTemplateId}'`);
  return id as DirectoryRoleTemplateId;
}

/** Sets a person's Conditional Access policy (kept in the `conditionalAccess` setting, so reset clears it). */
export function setConditionalAccess(
  tenant: TenantState,
  key: string,
  policy: ConditionalAccessPolicy,
): void {
  if (!CONDITIONAL_ACCESS_POLICIES.includes(policy))
    throw new ControlError(400, `policy must be one of ${CONDITIONAL_ACCESS_POLICIES.join(", ")}`);
  const user = userOf(tenant, key);
  const kept = Object.entries(tenant.settings.conditionalAccess).filter(
    ([other]) => resolveUser(tenant, other)?.id !== user.id,
  );
  tenant.updateSettings({
    conditionalAccess: Object.fromEntries(policy === "none" ? kept : [...kept, [user.id, policy]]),
  });
}

/**
 * Like a Privileged Identity Management activation: the role is active from now on. Graph sees it at
 * once; tokens issued before keep the `wids` they had.
 */
export function activateRole(tenant: TenantState, key: string, roleTemplateId: string): UserRecord {
  const user = userOf(tenant, key);
  const role = roleOf(roleTemplateId);
  if (!user.directoryRoles.includes(role))
    tenant.users.update(user, { directoryRoles: [...user.directoryRoles, role] });
  return user;
}

export function deactivateRole(
  tenant: TenantState,
  key: string,
  roleTemplateId: string,
): UserRecord {
  const user = userOf(tenant, key);
  const role = roleOf(roleTemplateId);
  tenant.users.update(user, {
    directoryRoles: user.directoryRoles.filter((active) => active !== role),
  });
  return user;
}
