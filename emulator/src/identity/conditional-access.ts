import { GRAPH_APP_ID } from "../constants";
import type { ConditionalAccessPolicy } from "../settings";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { hasMfa, type Authentication } from "./authentication";
import { resolveUser } from "./direct-tokens";
import { OAuthError } from "./oauth-error";
import type { TokenAudience } from "./scopes";

/**
 * The Conditional Access policy that applies to a person. `mfa` is a policy on Microsoft Graph: the
 * sign-in to the portal's own API passes, the on-behalf-of request for Graph then needs MFA
 * (docs/graph-behaviour.md#on-behalf-of). `blocked` refuses every token.
 */
export function policyFor(tenant: TenantState, user: UserRecord): ConditionalAccessPolicy {
  for (const [key, policy] of Object.entries(tenant.settings.conditionalAccess)) {
    if (resolveUser(tenant, key)?.id === user.id) return policy;
  }
  return "none";
}

/** The claims challenge Entra returns: the policy ids to satisfy, as a JSON string. */
function capolidsClaims(tenant: TenantState): string {
  return JSON.stringify({
    access_token: {
      capolids: { essential: true, values: [tenant.settings.conditionalAccessPolicyId] },
    },
  });
}

/** AADSTS53003, as pasted from a token endpoint: invalid_grant, suberror message_only, claims. */
export function blockedByConditionalAccess(tenant: TenantState, error = "invalid_grant") {
  return new OAuthError(
    error,
    53003,
    "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.",
    400,
    "message_only",
    capolidsClaims(tenant),
  );
}

/**
 * AADSTS50076 with a claims challenge. On the token endpoint `invalid_grant` + `basic_action` [seen,
 * msal-js #5491, an OBO capture] or `interaction_required` [doc, OBO "Error response example"].
 */
export function mfaRequired(tenant: TenantState, resource: string, silentSignIn = false) {
  const description = `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resource}'.`;
  if (silentSignIn || tenant.settings.mfaChallengeError === "interaction_required") {
    return new OAuthError(
      "interaction_required",
      50076,
      description,
      400,
      undefined,
      capolidsClaims(tenant),
    );
  }
  return new OAuthError(
    "invalid_grant",
    50076,
    description,
    400,
    "basic_action",
    capolidsClaims(tenant),
  );
}

/** Refuses a token the person's policy does not allow with this authentication. */
export function assertTokenAllowed(
  tenant: TenantState,
  user: UserRecord,
  audience: TokenAudience,
  authentication: Authentication,
): void {
  const policy = policyFor(tenant, user);
  if (policy === "blocked") throw blockedByConditionalAccess(tenant);
  if (policy === "mfa" && audience === "graph" && !hasMfa(authentication))
    throw mfaRequired(tenant, GRAPH_APP_ID);
}
