import { createHash } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { errors as joseErrors, jwtVerify } from "jose";
import { contentTypeOf, formFields } from "../http/request-body";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { decodeAio, hasMfa, type Authentication } from "./authentication";
import { parseClaimsRequest } from "./claims-request";
import { authenticateClient } from "./client-authentication";
import { issuerOf } from "./cloud";
import { assertTokenAllowed, mfaRequired } from "./conditional-access";
import { OAuthError, oauthErrorBody, oauthErrors } from "./oauth-error";
import { scopeRequestFor, type ScopeRequest } from "./scopes";
import { assertKnownTenant } from "./tenant-segment";
import {
  clientInfo,
  issueGraphAccessToken,
  issueIdToken,
  issuePortalAccessToken,
  issuedAtMsOf,
} from "./tokens";

type TenantParams = { Params: { tenant: string } };
type Fields = Record<string, string>;

const JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

function required(fields: Fields, name: string): string {
  const value = fields[name];
  if (!value) throw oauthErrors.missingParameter(name);
  return value;
}

function isRevoked(user: UserRecord, issuedAtMs: number): boolean {
  return issuedAtMs < Date.parse(user.signInSessionsValidFromDateTime);
}

function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

const includesDirectoryRoles = (tenant: TenantState) =>
  tenant.settings.groupMembershipClaims === "DirectoryRole" ||
  tenant.settings.groupMembershipClaims === "All";

export function registerTokenRoutes(app: FastifyInstance, tenant: TenantState): void {
  async function tokenResponse(
    user: UserRecord,
    scope: ScopeRequest,
    options: {
      nonce?: string | null;
      clientInfoRequested: boolean;
      authorizedParty: string;
      authentication: Authentication;
    },
  ) {
    assertTokenAllowed(tenant, user, scope.audience, options.authentication);
    const context = {
      key: tenant.key,
      tenantId: tenant.identity.tenantId,
      clientId: tenant.identity.clientId,
      lifetimeSeconds: tenant.settings.accessTokenLifetimeSeconds,
      issuer: issuerOf(tenant),
      authentication: options.authentication,
    };
    const accessToken =
      scope.audience === "portal-api"
        ? await issuePortalAccessToken(user, scope.permissions, {
            ...context,
            authorizedParty: options.authorizedParty,
            includeWids: includesDirectoryRoles(tenant),
          })
        : await issueGraphAccessToken(user, scope.permissions, context);
    const lifetime = tenant.settings.accessTokenLifetimeSeconds;
    return {
      token_type: "Bearer",
      scope: scope.grantedScope,
      expires_in: lifetime,
      ext_expires_in: lifetime,
      access_token: accessToken,
      ...(scope.offlineAccess
        ? {
            refresh_token: tenant.identityState.issueRefreshToken({
              userId: user.id,
              clientId: tenant.identity.clientId,
              expiresAt: Date.now() + tenant.settings.refreshTokenLifetimeSeconds * 1000,
              authentication: options.authentication,
            }),
            refresh_token_expires_in: tenant.settings.refreshTokenLifetimeSeconds,
          }
        : {}),
      ...(scope.openid
        ? {
            id_token: await issueIdToken(
              user,
              { ...context, lifetimeSeconds: tenant.settings.idTokenLifetimeSeconds },
              options.nonce ?? undefined,
            ),
          }
        : {}),
      ...(options.clientInfoRequested
        ? { client_info: clientInfo(user.id, tenant.identity.tenantId) }
        : {}),
    };
  }

  async function redeemCode(request: FastifyRequest, fields: Fields) {
    const value = required(fields, "code");
    const clientId = await authenticateClient(request, fields, tenant, false);
    const redirectUri = required(fields, "redirect_uri");
    const code = tenant.identityState.findCode(value);
    if (!code || code.clientId.toLowerCase() !== clientId.toLowerCase())
      throw oauthErrors.invalidCode();
    if (code.redeemed) throw oauthErrors.codeAlreadyRedeemed();
    if (code.expiresAt < Date.now()) throw oauthErrors.expiredGrant();
    if (code.redirectUri !== redirectUri) throw oauthErrors.redirectUriMismatch();
    if (code.codeChallenge) {
      const verifier = fields.code_verifier ?? "";
      const expected = code.codeChallengeMethod === "S256" ? s256(verifier) : verifier;
      if (!verifier || expected !== code.codeChallenge) throw oauthErrors.pkceMismatch();
    } else if (request.headers.origin) {
      throw oauthErrors.invalidRequest(
        "Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
      );
    }
    code.redeemed = true;
    const user = tenant.users.get(code.userId);
    if (!user || !user.accountEnabled) throw oauthErrors.unknownUser();
    if (isRevoked(user, code.issuedAt)) throw oauthErrors.revokedGrant();
    const scope = scopeRequestFor(tenant, fields.scope || code.scope, clientId);
    return tokenResponse(user, scope, {
      nonce: code.nonce,
      clientInfoRequested: fields.client_info === "1",
      authorizedParty: clientId,
      authentication: code.authentication,
    });
  }

  async function redeemRefreshToken(request: FastifyRequest, fields: Fields) {
    const value = required(fields, "refresh_token");
    const clientId = await authenticateClient(request, fields, tenant, false);
    const grant = tenant.identityState.findRefreshGrant(value);
    if (!grant || grant.clientId.toLowerCase() !== clientId.toLowerCase())
      throw oauthErrors.invalidCode();
    if (grant.expiresAt < Date.now()) throw oauthErrors.expiredGrant();
    const user = tenant.users.get(grant.userId);
    if (!user || !user.accountEnabled) throw oauthErrors.unknownUser();
    if (isRevoked(user, grant.issuedAt)) throw oauthErrors.revokedGrant();
    const scope = scopeRequestFor(tenant, required(fields, "scope"), clientId);
    // A renewal cannot add MFA: a step-up asked with a refresh token needs a new interactive sign-in.
    if (parseClaimsRequest(fields.claims)?.stepUp && !hasMfa(grant.authentication))
      throw mfaRequired(tenant, clientId, true);
    return tokenResponse(user, scope, {
      clientInfoRequested: fields.client_info === "1",
      authorizedParty: clientId,
      authentication: grant.authentication,
    });
  }

  async function onBehalfOf(request: FastifyRequest, fields: Fields) {
    const clientId = await authenticateClient(request, fields, tenant, true);
    if (fields.requested_token_use !== "on_behalf_of")
      throw oauthErrors.missingParameter("requested_token_use");
    const assertion = required(fields, "assertion");
    let payload;
    try {
      ({ payload } = await jwtVerify(assertion, tenant.key.publicKey, { algorithms: ["RS256"] }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw oauthErrors.assertionExpired();
      if (error instanceof joseErrors.JWSSignatureVerificationFailed)
        throw oauthErrors.assertionSignature();
      throw oauthErrors.malformedAssertion();
    }
    const audiences = [clientId.toLowerCase(), `api://${clientId.toLowerCase()}`];
    const audience = typeof payload.aud === "string" ? payload.aud.toLowerCase() : "";
    if (!audiences.includes(audience)) throw oauthErrors.assertionAudience();
    if (payload.iss !== issuerOf(tenant) || payload.tid !== tenant.identity.tenantId) {
      throw oauthErrors.assertionSignature();
    }
    const user = typeof payload.oid === "string" ? tenant.users.get(payload.oid) : undefined;
    if (!user || !user.accountEnabled) throw oauthErrors.unknownUser();
    if (isRevoked(user, issuedAtMsOf(payload))) throw oauthErrors.revokedGrant();
    const scope = scopeRequestFor(tenant, required(fields, "scope"), clientId);
    if (scope.audience === "portal-api") throw oauthErrors.invalidScope(fields.scope ?? "");
    return tokenResponse(user, scope, {
      clientInfoRequested: fields.client_info === "1",
      authorizedParty: clientId,
      // The assertion carries how its sign-in was authenticated (the opaque `aio` claim).
      authentication: decodeAio(payload.aio),
    });
  }

  async function issue(request: FastifyRequest<TenantParams>) {
    assertKnownTenant(request.params.tenant, tenant);
    if (contentTypeOf(request) !== "application/x-www-form-urlencoded") {
      throw oauthErrors.invalidRequest(
        "The request body must be application/x-www-form-urlencoded.",
      );
    }
    const fields = formFields(request);
    const grantType = required(fields, "grant_type");
    switch (grantType) {
      case "authorization_code":
        return redeemCode(request, fields);
      case "refresh_token":
        return redeemRefreshToken(request, fields);
      case JWT_BEARER:
        return onBehalfOf(request, fields);
      default:
        throw oauthErrors.unsupportedGrantType(grantType);
    }
  }

  app.post<TenantParams>(
    "/:tenant/oauth2/v2.0/token",
    { config: { endpoint: "token" } },
    async (request, reply) => {
      reply.header("Cache-Control", "no-store, no-cache").header("Pragma", "no-cache");
      try {
        return reply.send(await issue(request));
      } catch (error) {
        if (!(error instanceof OAuthError)) throw error;
        const correlationId = request.headers["client-request-id"];
        return reply
          .code(error.status)
          .send(
            oauthErrorBody(error, typeof correlationId === "string" ? correlationId : undefined),
          );
      }
    },
  );
}
