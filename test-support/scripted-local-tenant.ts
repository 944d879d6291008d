import { LOCAL_TENANT, localTenantAuthority } from "@/lib/config/local-tenant";
import { resetServerConfig } from "@/lib/config/server-config";
import { createTestIssuer } from "@/test-support/test-token-issuer";
import { startScriptedGraph } from "@/test-support/scripted-graph-server";

/**
 * The smallest local tenant the server side needs, for tests: the tenant's keys, a token endpoint for
 * the on-behalf-of exchange, and scripted Graph answers. Points the configuration at itself.
 */
export async function startScriptedLocalTenant() {
  const tid = LOCAL_TENANT.tenantId;
  const issuer = await createTestIssuer({
    issuer: `${localTenantAuthority(tid)}/v2.0`,
    audience: LOCAL_TENANT.clientId,
    tenantId: tid,
  });
  const oboScopes: string[] = [];
  const graph = await startScriptedGraph((request) => {
    const { pathname } = new URL(request.url, "http://local-tenant");
    if (pathname === `/${tid}/discovery/v2.0/keys`) return { status: 200, body: issuer.jwks };
    if (pathname === `/${tid}/v2.0/.well-known/openid-configuration`) {
      const origin = `http://${request.headers.host}`;
      return {
        status: 200,
        body: {
          issuer: `${localTenantAuthority(tid)}/v2.0`,
          jwks_uri: `${origin}/${tid}/discovery/v2.0/keys`,
        },
      };
    }
    if (pathname === `/${tid}/oauth2/v2.0/token`) {
      const form = new URLSearchParams(request.body);
      oboScopes.push(form.get("scope") ?? "");
      return {
        status: 200,
        body: {
          token_type: "Bearer",
          scope: form.get("scope"),
          expires_in: 3600,
          access_token: `graph-${oboScopes.length}`,
        },
      };
    }
    return undefined;
  });
  const previous = process.env.LOCAL_TENANT_URL;
  process.env.LOCAL_TENANT_URL = graph.origin;
  resetServerConfig();
  return {
    ...graph,
    issuer,
    oboScopes,
    async close() {
      if (previous === undefined) delete process.env.LOCAL_TENANT_URL;
      else process.env.LOCAL_TENANT_URL = previous;
      resetServerConfig();
      await graph.close();
    },
  };
}
