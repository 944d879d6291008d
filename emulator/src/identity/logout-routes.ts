import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { formFields, queryFields } from "../http/request-body";
import type { TenantState } from "../tenant-state";
import { isAllowedRedirectUri } from "./redirect-uris";
import { messagePage } from "./sign-in-page";
import { clearSessionCookies, sessionIdOf } from "./sign-in-session";

export function registerLogoutRoutes(app: FastifyInstance, tenant: TenantState): void {
  function logout(request: FastifyRequest, reply: FastifyReply, params: Record<string, string>) {
    tenant.identityState.endSession(sessionIdOf(request));
    clearSessionCookies(reply);
    const target = params.post_logout_redirect_uri;
    if (target && isAllowedRedirectUri(target, tenant.settings.extraRedirectUriPrefixes)) {
      const url = new URL(target);
      if (params.state) url.searchParams.set("state", params.state);
      return reply.header("Cache-Control", "no-store").redirect(url.toString(), 302);
    }
    return reply
      .type("text/html; charset=utf-8")
      .send(
        messagePage(
          "You signed out of your account",
          "It's a good idea to close all browser windows.",
        ),
      );
  }

  const path = "/:tenant/oauth2/v2.0/logout";
  app.get(path, { config: { endpoint: "logout" } }, (request, reply) =>
    logout(request, reply, queryFields(request)),
  );
  app.post(path, { config: { endpoint: "logout" } }, (request, reply) =>
    logout(request, reply, formFields(request)),
  );
}
