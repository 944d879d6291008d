import {
  CONSENTED_GRAPH_SCOPES,
  GRAPH_RESOURCE,
  OIDC_SCOPES,
  PORTAL_API_SCOPE_NAME,
} from "../constants";
import { oauthErrors } from "./oauth-error";

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

const OIDC = new Set<string>(OIDC_SCOPES);
const CONSENTED = new Set<string>(CONSENTED_GRAPH_SCOPES);

/**
 * Parses a space-separated scope list the way Entra does: one resource per request (AADSTS28000),
 * `.default` means every consented permission, unconsented Graph permissions need consent (AADSTS65001).
 */
export function parseScopeRequest(scope: string, clientId: string, appName: string): ScopeRequest {
  const requested = scope.split(/\s+/).filter(Boolean);
  const oidc = requested.filter((item) => OIDC.has(item.toLowerCase()));
  const resourceScopes = requested.filter((item) => !OIDC.has(item.toLowerCase()));
  const portalPrefixes = [`api://${clientId}/`.toLowerCase(), `${clientId}/`.toLowerCase()];

  const portal: string[] = [];
  const graph: { name: string; qualified: boolean }[] = [];
  for (const item of resourceScopes) {
    const lowered = item.toLowerCase();
    const portalPrefix = portalPrefixes.find((prefix) => lowered.startsWith(prefix));
    if (portalPrefix) {
      portal.push(item.slice(portalPrefix.length));
    } else if (
      lowered.startsWith(`${GRAPH_RESOURCE}/`) ||
      lowered.startsWith("https://graph.microsoft.com//")
    ) {
      graph.push({
        name: item.slice(GRAPH_RESOURCE.length + 1).replace(/^\//, ""),
        qualified: true,
      });
    } else if (lowered.startsWith("00000003-0000-0000-c000-000000000000/")) {
      graph.push({ name: item.slice(37), qualified: true });
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
      for (const consented of CONSENTED_GRAPH_SCOPES) permissions.add(consented);
      continue;
    }
    const canonical = CONSENTED_GRAPH_SCOPES.find(
      (consented) => consented.toLowerCase() === name.toLowerCase(),
    );
    if (!canonical || !CONSENTED.has(canonical))
      throw oauthErrors.consentRequired(clientId, appName);
    permissions.add(canonical);
  }
  const list = [...permissions];
  const grantedScope = list
    .map((name) => (qualified ? `${GRAPH_RESOURCE}/${name}` : name))
    .join(" ");
  const profileScopes = oidc.filter((item) => item.toLowerCase() !== "offline_access");
  return {
    audience: "graph",
    permissions: [...list, ...(graph.length === 0 ? profileScopes : [])],
    grantedScope: graph.length === 0 ? [...profileScopes, ...list].join(" ") : grantedScope,
    openid,
    offlineAccess,
  };
}
