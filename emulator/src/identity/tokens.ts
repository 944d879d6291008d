import { createHash, randomBytes } from "node:crypto";
import { SignJWT, type JWTPayload } from "jose";
import { GRAPH_APP_ID, graphTokenIssuerFor, issuerFor } from "../constants";
import type { UserRecord } from "../store/user-record";
import { encodeAio, PASSWORD_ONLY, type Authentication } from "./authentication";
import type { SigningKey } from "./signing-key";

export type TokenContext = {
  key: SigningKey;
  tenantId: string;
  clientId: string;
  lifetimeSeconds: number;
  /** Seconds since the epoch; tests move it to mint already expired tokens. */
  issuedAt?: number;
  /** `iss` of ID and API tokens (the cloud's issuer); default the local authority's. */
  issuer?: string;
  /** How the sign-in behind the token was authenticated; default password only. */
  authentication?: Authentication;
};

const nowSeconds = () => Math.floor(Date.now() / 1000);
const uniqueTokenId = () => randomBytes(16).toString("base64url");

/**
 * When each token was really issued, to the millisecond, by its `uti`. `iat` has whole seconds, so a
 * token from a sign-in made in the same second as a session revocation would look revoked; Entra keeps
 * its own record of the session behind a token, and so does this (bounded: oldest forgotten first).
 */
const ISSUED_AT_MS = new Map<string, number>();
const ISSUED_AT_REMEMBERED = 20_000;

/** The instant a token of ours was issued: exact when remembered, else the start of its `iat` second. */
export function issuedAtMsOf(payload: JWTPayload): number {
  const exact = typeof payload.uti === "string" ? ISSUED_AT_MS.get(payload.uti) : undefined;
  return exact ?? (payload.iat ?? 0) * 1000;
}

async function sign(payload: JWTPayload, context: TokenContext): Promise<string> {
  if (typeof payload.uti === "string" && context.issuedAt === undefined) {
    ISSUED_AT_MS.set(payload.uti, Date.now());
    if (ISSUED_AT_MS.size > ISSUED_AT_REMEMBERED) {
      ISSUED_AT_MS.delete(ISSUED_AT_MS.keys().next().value as string);
    }
  }
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

const issuerOf = (context: TokenContext) => context.issuer ?? issuerFor(context.tenantId);
const authenticationOf = (context: TokenContext) => context.authentication ?? PASSWORD_ONLY;

/** `acrs` only when the sign-in satisfied authentication contexts. */
function contextClaims(context: TokenContext) {
  const contexts = authenticationOf(context).contexts;
  return contexts.length > 0 ? { acrs: [...contexts] } : {};
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
      iss: issuerOf(context),
      sub: pairwiseSubject(user.id, context.clientId),
      aio: encodeAio(authenticationOf(context)),
      ...identityClaims(user, context.tenantId),
      ...(nonce ? { nonce } : {}),
      uti: uniqueTokenId(),
      ver: "2.0",
    },
    context,
  );
}

/**
 * A v2 access token for the portal's own API: `aud` is the client id (accessTokenAcceptedVersion 2).
 * `wids` only when the registration's groupMembershipClaims asks for directory roles, and then the
 * roles active at issue time (a role activated later is missing until renewal; docs/graph-behaviour.md#directory-roles).
 */
export function issuePortalAccessToken(
  user: UserRecord,
  scopes: string[],
  context: TokenContext & { authorizedParty: string; includeWids: boolean },
): Promise<string> {
  return sign(
    {
      aud: context.clientId,
      iss: issuerOf(context),
      azp: context.authorizedParty,
      azpacr: "0",
      aio: encodeAio(authenticationOf(context)),
      ...contextClaims(context),
      sub: pairwiseSubject(user.id, context.clientId),
      ...identityClaims(user, context.tenantId),
      scp: scopes.join(" "),
      ...(user.appRoles.length > 0 ? { roles: [...user.appRoles] } : {}),
      ...(context.includeWids && user.directoryRoles.length > 0
        ? { wids: [...user.directoryRoles] }
        : {}),
      uti: uniqueTokenId(),
      ver: "2.0",
    },
    context,
  );
}

/** A Graph access token in Entra's v1 shape; clients treat it as opaque (docs/graph-behaviour.md#graph-tokens). */
export function issueGraphAccessToken(
  user: UserRecord,
  scopes: string[],
  context: TokenContext,
): Promise<string> {
  return sign(
    {
      aud: GRAPH_APP_ID,
      iss: graphTokenIssuerFor(context.tenantId),
      ...contextClaims(context),
      amr: [...authenticationOf(context).methods],
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
