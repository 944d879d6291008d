import { hasRequiredRole } from "@/lib/auth/caller-roles";
import type { Caller } from "@/lib/auth/caller";
import { ADMIN_CONSENT_ROLES } from "@/lib/auth/roles";
import { getServerConfig } from "@/lib/config/server-config";
import type { ActionError } from "./action-result";

/** The tenant's admin-consent page on the configured cloud's login host (docs/graph-behaviour.md). */
export function adminConsentUrl(config: {
  authority: string;
  tenantId: string;
  clientId: string;
}): string {
  const url = new URL(`/${config.tenantId}/adminconsent`, new URL(config.authority).origin);
  url.searchParams.set("client_id", config.clientId);
  return url.toString();
}

/**
 * A missing consent is fixed by an administrator: people who may grant it (Global, Privileged Role or
 * Cloud Application Administrator, by `wids` or Graph) get the link. If even reading their roles fails
 * (User.Read may be the permission without consent), they get the message without the link.
 */
export async function withAdminConsentLink(
  error: ActionError,
  caller: Caller,
): Promise<ActionError> {
  if (error.code !== "consent_required") return error;
  const mayGrant = await hasRequiredRole(caller, ADMIN_CONSENT_ROLES).catch(() => false);
  return mayGrant ? { ...error, adminConsentUrl: adminConsentUrl(getServerConfig()) } : error;
}
