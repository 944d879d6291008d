import type { TenantState } from "../tenant-state";
import { OAuthError } from "./oauth-error";

/** Entra accepts the tenant id, a verified domain, `organizations` or `common` in the path. */
export function assertKnownTenant(segment: string, tenant: TenantState): void {
  const lowered = segment.toLowerCase();
  const known = [
    tenant.identity.tenantId,
    tenant.identity.domain.toLowerCase(),
    "organizations",
    "common",
  ];
  if (!known.includes(lowered)) {
    throw new OAuthError(
      "invalid_tenant",
      90002,
      `Tenant '${segment}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`,
    );
  }
}
