import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from "jose";
import { getServerConfig, type ServerConfig } from "@/lib/config/server-config";
import { discoverIssuer, type IssuerRules } from "./authority-discovery";
import { AuthError } from "./auth-error";
import { callerFromClaims, parseCallerClaims, type Caller } from "./caller";

export type TokenRules = Pick<ServerConfig, "apiAudiences" | "tenantId" | "apiScopeName"> &
  IssuerRules;

/** The configured audiences, tenant and scope, with the issuer and keys from discovery. */
export async function configuredTokenRules(): Promise<TokenRules> {
  const config = getServerConfig();
  return { ...config, ...(await discoverIssuer(config)) };
}

// Entra's nbf is the issue time: a server clock a few seconds behind would refuse fresh tokens.
const CLOCK_TOLERANCE_SECONDS = 30;

const keySets = new Map<string, JWTVerifyGetKey>();

function keySetFor(jwksUri: string): JWTVerifyGetKey {
  let keySet = keySets.get(jwksUri);
  if (!keySet) {
    // jose caches the keys and refetches when a token names an unknown kid (key rollover).
    keySet = createRemoteJWKSet(new URL(jwksUri));
    keySets.set(jwksUri, keySet);
  }
  return keySet;
}

/** A token that fails a check is the caller's problem; a key set we cannot fetch is ours. */
function isRejection(error: unknown): boolean {
  return (
    error instanceof errors.JOSEError &&
    !(error instanceof errors.JWKSTimeout) &&
    error.constructor !== errors.JOSEError
  );
}

/**
 * Validates an access token for the portal's own API (docs/graph-behaviour.md#portal-api-tokens, "Server side"): signature against
 * the tenant's keys, v2 issuer, audience, lifetime, tenant and scope. Throws AuthError on rejection.
 */
export async function validateAccessToken(
  token: unknown,
  givenRules?: TokenRules,
  givenKeySet?: JWTVerifyGetKey,
): Promise<Caller> {
  if (typeof token !== "string" || token.trim() === "") {
    throw new AuthError("unauthenticated", "No access token");
  }
  let rules: TokenRules;
  try {
    rules = givenRules ?? (await configuredTokenRules());
  } catch (error) {
    throw new AuthError("graph_unreachable", "The authority's discovery document is unavailable", {
      cause: error,
    });
  }
  const keySet = givenKeySet ?? keySetFor(rules.jwksUri);
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, keySet, {
      issuer: rules.issuer,
      audience: rules.apiAudiences,
      algorithms: ["RS256"],
      requiredClaims: ["exp", "tid", "oid", "scp"],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired)
      throw new AuthError("session_expired", "Access token expired");
    if (isRejection(error)) {
      throw new AuthError(
        "unauthenticated",
        `Access token rejected (${(error as errors.JOSEError).code})`,
      );
    }
    throw error;
  }
  const claims = parseCallerClaims(payload);
  if (!claims) throw new AuthError("unauthenticated", "Access token lacks the caller's claims");
  if (claims.tid !== rules.tenantId)
    throw new AuthError("unauthenticated", "Access token from another tenant");
  if (!claims.scp.split(" ").includes(rules.apiScopeName)) {
    throw new AuthError("unauthenticated", "Access token lacks the portal's scope");
  }
  return callerFromClaims(claims, token);
}
