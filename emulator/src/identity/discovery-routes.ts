import type { FastifyInstance, FastifyReply } from "fastify";
import { originOf } from "../http/request-context";
import type { TenantState } from "../tenant-state";
import { issuerOf } from "./cloud";
import { OAuthError, oauthErrorBody } from "./oauth-error";
import { assertKnownTenant } from "./tenant-segment";

type TenantParams = { Params: { tenant: string } };

export function openIdConfiguration(tenant: TenantState, segment: string, origin: string) {
  const base = `${origin}/${segment}`;
  const specific = segment.toLowerCase() !== "common" && segment.toLowerCase() !== "organizations";
  // The issuer is the https authority string the portal uses, never this server's http origin
  // (docs/graph-behaviour.md#authority-and-discovery); in a national cloud it can be another host (`issuerHost`).
  const issuer = issuerOf(tenant, specific ? tenant.identity.tenantId : "{tenantid}");
  return {
    token_endpoint: `${base}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: [
      "client_secret_post",
      "private_key_jwt",
      "client_secret_basic",
    ],
    jwks_uri: `${base}/discovery/v2.0/keys`,
    response_modes_supported: ["query", "fragment", "form_post"],
    subject_types_supported: ["pairwise"],
    id_token_signing_alg_values_supported: ["RS256"],
    response_types_supported: ["code", "id_token", "code id_token", "id_token token"],
    scopes_supported: ["openid", "profile", "email", "offline_access"],
    issuer,
    request_uri_parameter_supported: false,
    authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${base}/oauth2/v2.0/logout`,
    claims_supported: [
      "sub",
      "iss",
      "cloud_instance_name",
      "cloud_instance_host_name",
      "cloud_graph_host_name",
      "msgraph_host",
      "aud",
      "exp",
      "iat",
      "auth_time",
      "acr",
      "nonce",
      "preferred_username",
      "name",
      "tid",
      "ver",
      "at_hash",
      "c_hash",
      "email",
    ],
    tenant_region_scope: "NA",
    cloud_instance_name: "local-tenant.invalid",
    cloud_graph_host_name: "graph.windows.net",
    msgraph_host: tenant.settings.graphHost ?? new URL(origin).host,
    rbac_url: "https://pas.windows.net",
  };
}

export function registerDiscoveryRoutes(app: FastifyInstance, tenant: TenantState): void {
  const answerUnknownTenant = (error: unknown) => {
    if (error instanceof OAuthError) return { status: error.status, body: oauthErrorBody(error) };
    throw error;
  };
  /** Discovery and keys: cached a day, as Entra sends them; an unknown tenant gets Entra's error. */
  const sendForKnownTenant = (segment: string, reply: FastifyReply, body: () => unknown) => {
    try {
      assertKnownTenant(segment, tenant);
    } catch (error) {
      const answer = answerUnknownTenant(error);
      return reply.code(answer.status).send(answer.body);
    }
    return reply.header("Cache-Control", "max-age=86400, private").send(body());
  };

  app.get<TenantParams>(
    "/:tenant/v2.0/.well-known/openid-configuration",
    { config: { endpoint: "discovery" } },
    (request, reply) =>
      sendForKnownTenant(request.params.tenant, reply, () =>
        openIdConfiguration(tenant, request.params.tenant, originOf(request, tenant)),
      ),
  );

  app.get<TenantParams>(
    "/:tenant/discovery/v2.0/keys",
    { config: { endpoint: "keys" } },
    (request, reply) =>
      sendForKnownTenant(request.params.tenant, reply, () => ({ keys: [tenant.key.publicJwk] })),
  );
}
