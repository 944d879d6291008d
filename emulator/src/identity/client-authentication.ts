import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { originOf } from "../http/request-context";
import { safeDecode } from "../http/request-body";
import type { TenantState } from "../tenant-state";
import { clientAuthErrors } from "./client-auth-errors";
import { verifyClientAssertion } from "./client-assertion";
import { authorityOf, issuerOf } from "./cloud";
import { oauthErrors } from "./oauth-error";

type Fields = Record<string, string>;

export const JWT_BEARER_ASSERTION = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Client id and secret from the body or from HTTP Basic authentication. */
function clientCredentials(
  request: FastifyRequest,
  fields: Fields,
): { clientId?: string; secret?: string } {
  const header = request.headers.authorization ?? "";
  if (header.toLowerCase().startsWith("basic ")) {
    const [id, ...secret] = Buffer.from(header.slice(6), "base64").toString("utf8").split(":");
    return { clientId: safeDecode(id ?? ""), secret: safeDecode(secret.join(":")) };
  }
  return {
    ...(fields.client_id ? { clientId: fields.client_id } : {}),
    ...(fields.client_secret ? { secret: fields.client_secret } : {}),
  };
}

/** The names this token endpoint goes by, any of which a certificate assertion may carry as `aud`. */
function tokenEndpointAudiences(request: FastifyRequest, tenant: TenantState): string[] {
  const origin = originOf(request, tenant);
  const segments = [tenant.identity.tenantId, tenant.identity.domain];
  const path = request.url.split("?")[0] ?? "";
  return [
    `${origin}${path}`,
    ...segments.flatMap((segment) => [
      `${origin}/${segment}/oauth2/v2.0/token`,
      `${authorityOf(tenant, segment)}/oauth2/v2.0/token`,
    ]),
    issuerOf(tenant),
  ];
}

/**
 * Authenticates the client at the token endpoint: a secret (body or Basic), a certificate assertion,
 * or a federated assertion. `credentialRequired` for grants only confidential clients may use (OBO).
 */
export async function authenticateClient(
  request: FastifyRequest,
  fields: Fields,
  tenant: TenantState,
  credentialRequired: boolean,
): Promise<string> {
  const { clientId, secret } = clientCredentials(request, fields);
  if (!clientId) throw oauthErrors.missingParameter("client_id");
  if (clientId.toLowerCase() !== tenant.identity.clientId)
    throw oauthErrors.unknownClient(clientId, tenant.identity.tenantId);
  if (secret !== undefined) {
    const status = tenant.settings.clientSecretStatus;
    if (status === "invalid" || !sameSecret(secret, tenant.identity.clientSecret))
      throw oauthErrors.invalidClientSecret(clientId);
    if (status === "expired") throw clientAuthErrors.expiredSecret(clientId);
    return clientId;
  }
  const assertionType = fields.client_assertion_type;
  if (assertionType !== undefined || fields.client_assertion !== undefined) {
    if (assertionType !== JWT_BEARER_ASSERTION)
      throw clientAuthErrors.unsupportedAssertionType(assertionType ?? "");
    if (!fields.client_assertion) throw oauthErrors.missingParameter("client_assertion");
    await verifyClientAssertion(fields.client_assertion, {
      clientId,
      appName: tenant.identity.appDisplayName,
      audiences: tokenEndpointAudiences(request, tenant),
      certificates: tenant.settings.clientCertificates,
      federatedCredentials: tenant.settings.federatedCredentials,
    });
    return clientId;
  }
  if (credentialRequired) throw oauthErrors.missingClientCredential();
  return clientId;
}
