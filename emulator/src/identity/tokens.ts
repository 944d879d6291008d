import { createHash, randomBytes } from "node:crypto";
import { SignJWT, type JWTPayload } from "jose";
import { GRAPH_APP_ID, graphTokenIssuerFor, issuerFor } from "../constants";
import type { UserRecord } from "../store/user-record";
import type { SigningKey } from "./signing-key";

export type TokenContext = {
  key: SigningKey;
  tenantId: string;
  clientId: string;
  lifetimeSeconds: number;
  /** Seconds since the epoch; tests move it to mint already expired tokens. */
  issuedAt?: number;
};

const nowSeconds = () => Math.floor(Date.now() / 1000);
const uniqueTokenId = () => randomBytes(16).toString("base64url");

async function sign(payload: JWTPayload, context: TokenContext): Promise<string> {
  const issuedAt = context.issuedAt ?? nowSeconds();
  return new SignJWT({
    ...payload,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + context.lifetimeSeconds,
  })
    .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: context.key.kid })
    .sign(context.key.privateKey);
}

/** Entra's `sub` is pairwise: stable per user and application, different across applications. */
export function pairwiseSubject(userId: string, clientId: string): string {
  return createHash("sha256").update(`${userId}:${clientId}`).digest("base64url").slice(0, 43);
}

export function identityClaims(user: UserRecord, tenantId: string) {
  return {
    name: user.displayName ?? user.userPrincipalName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    tid: tenantId,
  };
}

export function issueIdToken(
  user: UserRecord,
  context: TokenContext,
  nonce?: string,
): Promise<string> {
  return sign(
    {
      aud: context.clientId,
      iss: issuerFor(context.tenantId),
      sub: pairwiseSubject(user.id, context.clientId),
      ...identityClaims(user, context.tenantId),
      ...(nonce ? { nonce } : {}),
      uti: uniqueTokenId(),
      ver: "2.0",
    },
    context,
  );
}

/** A v2 access token for the portal's own API: `aud` is the client id (accessTokenAcceptedVersion 2). */
export function issuePortalAccessToken(
  user: UserRecord,
  scopes: string[],
  context: TokenContext & { authorizedParty: string },
): Promise<string> {
  return sign(
    {
      aud: context.clientId,
      iss: issuerFor(context.tenantId),
      azp: context.authorizedParty,
      azpacr: "0",
      sub: pairwiseSubject(user.id, context.clientId),
      ...identityClaims(user, context.tenantId),
      scp: scopes.join(" "),
      ...(user.appRoles.length > 0 ? { roles: [...user.appRoles] } : {}),
      ...(user.directoryRoles.length > 0 ? { wids: [...user.directoryRoles] } : {}),
      uti: uniqueTokenId(),
      ver: "2.0",
    },
    context,
  );
}

/** A Graph access token in Entra's v1 shape; clients treat it as opaque (MSAL-FACTS.md). */
export function issueGraphAccessToken(
  user: UserRecord,
  scopes: string[],
  context: TokenContext,
): Promise<string> {
  return sign(
    {
      aud: GRAPH_APP_ID,
      iss: graphTokenIssuerFor(context.tenantId),
      appid: context.clientId,
      appidacr: "1",
      family_name: user.surname ?? undefined,
      given_name: user.givenName ?? undefined,
      idtyp: "user",
      ...identityClaims(user, context.tenantId),
      scp: scopes.join(" "),
      sub: pairwiseSubject(user.id, GRAPH_APP_ID),
      unique_name: user.userPrincipalName,
      upn: user.userPrincipalName,
      wids: [...user.directoryRoles],
      uti: uniqueTokenId(),
      ver: "1.0",
    },
    context,
  );
}

/** `client_info` in token responses: base64url JSON `{uid, utid}` gives MSAL accounts the `oid.tid` shape. */
export function clientInfo(userId: string, tenantId: string): string {
  return Buffer.from(JSON.stringify({ uid: userId, utid: tenantId })).toString("base64url");
}
