import { PEOPLE, PORTAL_API_SCOPE_NAME, type PersonKey } from "../constants";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { PASSWORD_ONLY, withMfa } from "./authentication";
import { issuerOf } from "./cloud";
import { issueGraphAccessToken, issuePortalAccessToken } from "./tokens";

export type DirectTokenRequest = {
  /** A person key (`adele`), a user id or a userPrincipalName. */
  user: string;
  audience: "portal-api" | "graph";
  /** Graph permissions, consented or not (default: every consented one); ignored for the portal's API. */
  scopes?: string[];
  lifetimeSeconds?: number;
  /** Shifts issue time, e.g. -7200 with a 3600 s lifetime gives an already expired token. */
  issuedAtOffsetSeconds?: number;
  /** As if the sign-in behind the token did MFA (satisfies an MFA Conditional Access policy on OBO). */
  mfa?: boolean;
  /** Authentication contexts the sign-in satisfied (`acrs`); implies MFA. */
  acrs?: string[];
};

export function resolveUser(tenant: TenantState, key: string): UserRecord | undefined {
  const person = PEOPLE[key as PersonKey];
  return tenant.users.getByIdOrUserPrincipalName(person?.id ?? key);
}

/** Mints a token without the sign-in dance, for tests of code that only consumes tokens. */
export async function mintToken(
  tenant: TenantState,
  request: DirectTokenRequest,
): Promise<{ accessToken: string; expiresOn: number }> {
  const user = resolveUser(tenant, request.user);
  if (!user) throw new Error(`No user '${request.user}' in the local tenant`);
  const lifetimeSeconds = request.lifetimeSeconds ?? tenant.settings.accessTokenLifetimeSeconds;
  const issuedAt = Math.floor(Date.now() / 1000) + (request.issuedAtOffsetSeconds ?? 0);
  const stepUp = request.mfa === true || (request.acrs?.length ?? 0) > 0;
  const context = {
    key: tenant.key,
    tenantId: tenant.identity.tenantId,
    clientId: tenant.identity.clientId,
    lifetimeSeconds,
    // Only a back-dated token names its time; others are stamped (to the millisecond) as issued now.
    ...(request.issuedAtOffsetSeconds ? { issuedAt } : {}),
    issuer: issuerOf(tenant),
    authentication: stepUp ? withMfa(PASSWORD_ONLY, request.acrs ?? []) : PASSWORD_ONLY,
  };
  const groupClaims = tenant.settings.groupMembershipClaims;
  const accessToken =
    request.audience === "portal-api"
      ? await issuePortalAccessToken(user, [PORTAL_API_SCOPE_NAME], {
          ...context,
          authorizedParty: tenant.identity.clientId,
          includeWids: groupClaims === "DirectoryRole" || groupClaims === "All",
        })
      : await issueGraphAccessToken(
          user,
          request.scopes ?? [...tenant.settings.consentedGraphScopes],
          context,
        );
  return { accessToken, expiresOn: issuedAt + lifetimeSeconds };
}
