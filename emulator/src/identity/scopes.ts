import { GRAPH_APP_ID, GRAPH_RESOURCE, OIDC_SCOPES, PORTAL_API_SCOPE_NAME } from "../constants";
import type { TenantState } from "../tenant-state";
import { graphResourcesOf } from "./cloud";
import { OAuthError, oauthErrors } from "./oauth-error";

export type TokenAudience = "portal-api" | "graph";

/** What a `scope` parameter asks for: one resource, its permissions, and the OpenID Connect extras. */
export type ScopeRequest = {
  audience: TokenAudience;
  /** Permission names as the token's `scp` claim carries them. */
  permissions: string[];
  /** The `scope` value of the token response. */
  grantedScope: string;
  openid: boolean;
  offlineAccess: boolean;
};

/** What the tenant knows when it reads a scope list: consent and the cloud's Graph resource. */
export type ScopeContext = {
  appName: string;
  tenantName: string;
  consentedGraphScopes: readonly string[];
  graphResources: readonly string[];
};

const OIDC = new Set<string>(OIDC_SCOPES);

/** A resource URI no service principal in the tenant answers to (AADSTS500011). */
const unknownResource = (resource: string, tenantName: string) =>
  new OAuthError(
    "invalid_resource",
    500011,
    `The resource principal named ${resource} was not found in the tenant named ${tenantName}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
  );

export function scopeRequestFor(tenant: TenantState, scope: string, clientId: string) {
  return parseScopeRequest(scope, clientId, {
    appName: tenant.identity.appDisplayName,
    tenantName: tenant.identity.domain,
    consentedGraphScopes: tenant.settings.consentedGraphScopes,
    graphResources: graphResourcesOf(tenant),
  });
}

/**
 * Parses a space-separated scope list the way Entra does: one resource per request (AADSTS28000),
 * `.default` means every consented permission, unconsented Graph permissions need consent (AADSTS65001).
 */
export function parseScopeRequest(
  scope: string,
  clientId: string,
  context: ScopeContext,
): ScopeRequest {
  const requested = scope.split(/\s+/).filter(Boolean);
  const oidc = requested.filter((item) => OIDC.has(item.toLowerCase()));
  const resourceScopes = requested.filter((item) => !OIDC.has(item.toLowerCase()));
  const portalPrefixes = [`api://${clientId}/`.toLowerCase(), `${clientId}/`.toLowerCase()];

  const portal: string[] = [];
  const graph: { name: string; qualified: boolean }[] = [];
  for (const item of resourceScopes) {
    const lowered = item.toLowerCase();
    const portalPrefix = portalPrefixes.find((prefix) => lowered.startsWith(prefix));
    const graphResource = context.graphResources.find((resource) =>
      lowered.startsWith(`${resource}/`),
    );
    if (portalPrefix) {
      portal.push(item.slice(portalPrefix.length));
    } else if (graphResource) {
      graph.push({
        name: item.slice(graphResource.length + 1).replace(/^\//, ""),
        qualified: true,
      });
    } else if (lowered.startsWith(`${GRAPH_APP_ID}/`)) {
      graph.push({ name: item.slice(GRAPH_APP_ID.length + 1), qualified: true });
    } else if (/^https:\/\/[^/]+\//.test(lowered)) {
      throw unknownResource(new URL(item).origin, context.tenantName);
    } else if (/^[A-Za-z][\w.]*$/.test(item)) {
      graph.push({ name: item, qualified: false });
    } else {
      throw oauthErrors.invalidScope(item);
    }
  }
  if (portal.length > 0 && graph.length > 0) throw oauthErrors.multipleResources();

  const openid = oidc.some((item) => item.toLowerCase() === "openid");
  const offlineAccess = oidc.some((item) => item.toLowerCase() === "offline_access");

  if (portal.length > 0) {
    for (const name of portal) {
      if (name !== PORTAL_API_SCOPE_NAME && name !== ".default")
        throw oauthErrors.invalidScope(`api://${clientId}/${name}`);
    }
    return {
      audience: "portal-api",
      permissions: [PORTAL_API_SCOPE_NAME],
      grantedScope: `api://${clientId}/${PORTAL_API_SCOPE_NAME}`,
      openid,
      offlineAccess,
    };
  }

  // Only OpenID Connect scopes: Entra returns a Graph token for User.Read.
  const wanted = graph.length === 0 ? [{ name: "User.Read", qualified: false }] : graph;
  const qualified = wanted.some((item) => item.qualified);
  const permissions = new Set<string>();
  for (const { name } of wanted) {
    if (name === ".default") {
      for (const consented of context.consentedGraphScopes) permissions.add(consented);
      continue;
    }
    const canonical = context.consentedGraphScopes.find(
      (consented) => consented.toLowerCase() === name.toLowerCase(),
    );
    if (!canonical) throw oauthErrors.consentRequired(clientId, context.appName);
    permissions.add(canonical);
  }
  const list = [...permissions];
  const resource = context.graphResources[0] ?? GRAPH_RESOURCE;
  const grantedScope = list.map((name) => (qualified ? `${resource}/${name}` : name)).join(" ");
  const profileScopes = oidc.filter((item) => item.toLowerCase() !== "offline_access");
  return {
    audience: "graph",
    permissions: [...list, ...(graph.length === 0 ? profileScopes : [])],
    grantedScope: graph.length === 0 ? [...profileScopes, ...list].join(" ") : grantedScope,
    openid,
    offlineAccess,
  };
}
