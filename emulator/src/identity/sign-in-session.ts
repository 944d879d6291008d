import type { FastifyReply, FastifyRequest } from "fastify";
import { readCookie } from "../http/request-body";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import type { SignInSession } from "./identity-state";

const LAX_COOKIE = "local_tenant_session";
// Silent renewal runs in a cross-site iframe, where only SameSite=None cookies travel; browsers drop
// those without Secure on plain http (except on localhost), so a Lax twin keeps top-level sign-in working.
const CROSS_SITE_COOKIE = "local_tenant_session_x";

export function sessionIdOf(request: FastifyRequest): string | undefined {
  return readCookie(request, LAX_COOKIE) ?? readCookie(request, CROSS_SITE_COOKIE);
}

/** The signed-in user of this browser and their session, if still valid (not revoked, user enabled). */
export function signedInSession(
  request: FastifyRequest,
  tenant: TenantState,
): { user: UserRecord; session: SignInSession } | undefined {
  const session = tenant.identityState.findSession(sessionIdOf(request));
  if (!session) return undefined;
  const user = tenant.users.get(session.userId);
  if (!user || !user.accountEnabled) return undefined;
  if (session.createdAt < Date.parse(user.signInSessionsValidFromDateTime)) return undefined;
  return { user, session };
}

export function setSessionCookies(reply: FastifyReply, sessionId: string): void {
  const value = encodeURIComponent(sessionId);
  reply.header("Set-Cookie", [
    `${LAX_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax`,
    `${CROSS_SITE_COOKIE}=${value}; Path=/; HttpOnly; SameSite=None; Secure`,
  ]);
}

export function clearSessionCookies(reply: FastifyReply): void {
  const expired = "Path=/; HttpOnly; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
  reply.header("Set-Cookie", [
    `${LAX_COOKIE}=; ${expired}; SameSite=Lax`,
    `${CROSS_SITE_COOKIE}=; ${expired}; SameSite=None; Secure`,
  ]);
}
