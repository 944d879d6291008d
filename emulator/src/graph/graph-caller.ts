import type { FastifyRequest } from "fastify";
import { errors as joseErrors, jwtVerify } from "jose";
import {
  DIRECTORY_ROLE_TEMPLATES,
  GRAPH_APP_ID,
  GRAPH_RESOURCE,
  graphTokenIssuerFor,
} from "../constants";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { graphErrors } from "./graph-error";

const GRAPH_AUDIENCES = [GRAPH_APP_ID, GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`];

export type GraphCaller = { user: UserRecord; permissions: Set<string> };

/** Validates the Graph token the local tenant signed: signature, issuer, audience, lifetime, tenant. */
export async function authenticateGraphCaller(
  request: FastifyRequest,
  tenant: TenantState,
): Promise<GraphCaller> {
  const header = request.headers.authorization ?? "";
  const token = header.toLowerCase().startsWith("bearer ") ? header.slice(7).trim() : "";
  if (!token) throw graphErrors.emptyToken();
  if (token.split(".").length !== 3) throw graphErrors.malformedToken();
  let payload;
  try {
    ({ payload } = await jwtVerify(token, tenant.key.publicKey, { algorithms: ["RS256"] }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw graphErrors.expiredToken();
    if (error instanceof joseErrors.JWSInvalid || error instanceof joseErrors.JWTInvalid)
      throw graphErrors.malformedToken();
    throw graphErrors.invalidToken();
  }
  // Audience first: a token for another API (the portal's own) is the common mistake, and Graph names it.
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.some((audience) => GRAPH_AUDIENCES.includes(String(audience))))
    throw graphErrors.invalidToken("Invalid audience.");
  if (payload.iss !== graphTokenIssuerFor(tenant.identity.tenantId))
    throw graphErrors.invalidToken("Invalid issuer.");
  if (payload.tid !== tenant.identity.tenantId) throw graphErrors.invalidToken();
  const user = typeof payload.oid === "string" ? tenant.users.get(payload.oid) : undefined;
  if (!user || !user.accountEnabled) throw graphErrors.invalidToken();
  const permissions = new Set(
    typeof payload.scp === "string" ? payload.scp.split(" ").filter(Boolean) : [],
  );
  return { user, permissions };
}

export function hasAnyPermission(caller: GraphCaller, permissions: readonly string[]): boolean {
  return permissions.some((permission) => caller.permissions.has(permission));
}

export function requireAnyPermission(caller: GraphCaller, permissions: readonly string[]): void {
  if (!hasAnyPermission(caller, permissions)) throw graphErrors.insufficientPrivileges();
}

export function holdsAnyRole(user: UserRecord, roles: readonly string[]): boolean {
  return user.directoryRoles.some((role) => roles.includes(role));
}

export const ADMINISTRATOR_ROLES = [
  DIRECTORY_ROLE_TEMPLATES.globalAdministrator,
  DIRECTORY_ROLE_TEMPLATES.userAdministrator,
] as const;

/** Roles that may reset a guest's redemption (docs/graph-behaviour.md#reset-redemption, "Reset redemption"). */
export const RESET_REDEMPTION_ROLES = [
  DIRECTORY_ROLE_TEMPLATES.globalAdministrator,
  DIRECTORY_ROLE_TEMPLATES.userAdministrator,
  DIRECTORY_ROLE_TEMPLATES.helpdeskAdministrator,
] as const;

/** Roles that may always invite, whatever the member setting (docs/graph-behaviour.md#who-may-invite, "Who may invite"). */
export const ALWAYS_INVITE_ROLES = [
  DIRECTORY_ROLE_TEMPLATES.globalAdministrator,
  DIRECTORY_ROLE_TEMPLATES.userAdministrator,
  DIRECTORY_ROLE_TEMPLATES.guestInviter,
  DIRECTORY_ROLE_TEMPLATES.directoryWriters,
] as const;
