import type { FastifyReply } from "fastify";
import type { PendingAuthorization } from "./identity-state";
import { type OAuthError, oauthErrorBody } from "./oauth-error";
import { formPostPage, messagePage } from "./sign-in-page";

export type Answer = Omit<PendingAuthorization, "expiresAt">;

/** Sends the authorization answer to the redirect URI the way the response mode says. */
export function answer(
  reply: FastifyReply,
  target: Pick<Answer, "redirectUri" | "responseMode">,
  fields: Record<string, string>,
) {
  if (target.responseMode === "form_post") {
    return reply
      .type("text/html; charset=utf-8")
      .header("Cache-Control", "no-store")
      .send(formPostPage(target.redirectUri, fields));
  }
  const url = new URL(target.redirectUri);
  const encoded = new URLSearchParams(fields);
  if (target.responseMode === "fragment") url.hash = encoded.toString();
  else for (const [name, value] of encoded) url.searchParams.append(name, value);
  return reply.header("Cache-Control", "no-store").redirect(url.toString(), 302);
}

export function answerError(reply: FastifyReply, target: Answer, failure: OAuthError) {
  const body = oauthErrorBody(failure);
  return answer(reply, target, {
    error: failure.error,
    error_description: body.error_description,
    error_uri: body.error_uri,
    ...(failure.suberror ? { error_subcode: failure.suberror } : {}),
    ...(failure.claims ? { claims: failure.claims } : {}),
    ...(target.state !== null ? { state: target.state } : {}),
  });
}

/** An error Entra shows on its own page instead of redirecting (unknown client, redirect URI mismatch). */
export function errorPage(reply: FastifyReply, failure: OAuthError) {
  return reply
    .code(400)
    .type("text/html; charset=utf-8")
    .send(messagePage("Sign-in failed", `AADSTS${failure.aadstsCode}: ${failure.description}`));
}

/** Entra's interstitial when Conditional Access blocks an interactive sign-in: the app never hears back. */
export function blockedPage(reply: FastifyReply) {
  return reply
    .type("text/html; charset=utf-8")
    .header("Cache-Control", "no-store")
    .send(
      messagePage(
        "You cannot access this right now",
        "Your sign-in was successful but does not meet the criteria to access this resource. For example, you might be signing in from a browser, app or location that is restricted by your admin. Error code: 53003",
      ),
    );
}
