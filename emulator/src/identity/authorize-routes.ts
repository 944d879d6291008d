import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { DIRECTORY_ROLES, PEOPLE } from "../constants";
import { formFields, queryFields } from "../http/request-body";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { answer, answerError, errorPage, type Answer } from "./authorize-answers";
import { parseClaimsRequest } from "./claims-request";
import type { ResponseMode, SignInSession } from "./identity-state";
import { OAuthError, oauthErrors } from "./oauth-error";
import { isAllowedRedirectUri } from "./redirect-uris";
import { scopeRequestFor } from "./scopes";
import { messagePage, signInPage, type SignInChoice } from "./sign-in-page";
import { signInStrength } from "./sign-in-strength";
import { setSessionCookies, signedInSession } from "./sign-in-session";
import { assertKnownTenant } from "./tenant-segment";
import { clientInfo } from "./tokens";

type TenantParams = { Params: { tenant: string } };

const RESPONSE_MODES: readonly ResponseMode[] = ["query", "fragment", "form_post"];

function roleDescriptionOf(user: UserRecord): string {
  const person = Object.values(PEOPLE).find((candidate) => candidate.id === user.id);
  if (person) return person.roleDescription;
  const roles = user.directoryRoles
    .map((role) => DIRECTORY_ROLES[role]?.displayName)
    .filter(Boolean);
  return roles.length > 0 ? roles.join(", ") : user.userType;
}

function findHintedUser(tenant: TenantState, hint: string | undefined): UserRecord | undefined {
  if (!hint) return undefined;
  return tenant.users.getByIdOrUserPrincipalName(hint) ?? tenant.users.findByAddress(hint)[0];
}

export function registerAuthorizeRoutes(app: FastifyInstance, tenant: TenantState): void {
  const path = "/:tenant/oauth2/v2.0/authorize";

  /** Issues the code; `session` is the browser's session when it is this user's, else one starts. */
  function completeSignIn(
    reply: FastifyReply,
    target: Answer,
    user: UserRecord,
    session: SignInSession | undefined,
    silent: boolean,
  ) {
    const strength = signInStrength(tenant, target, user, session, silent);
    if (strength.refusal) return strength.refusal(reply);
    const authentication = strength.authentication;
    if (session) session.authentication = authentication;
    else setSessionCookies(reply, tenant.identityState.startSession(user.id, authentication));
    const code = tenant.identityState.issueCode({
      userId: user.id,
      clientId: target.clientId,
      redirectUri: target.redirectUri,
      scope: target.scope,
      codeChallenge: target.codeChallenge,
      codeChallengeMethod: target.codeChallengeMethod,
      nonce: target.nonce,
      expiresAt: Date.now() + tenant.settings.authorizationCodeLifetimeSeconds * 1000,
      authentication,
    });
    return answer(reply, target, {
      code,
      ...(target.clientInfo ? { client_info: clientInfo(user.id, tenant.identity.tenantId) } : {}),
      ...(target.state !== null ? { state: target.state } : {}),
      session_state: randomUUID(),
    });
  }

  function showSignInPage(
    request: FastifyRequest<TenantParams>,
    reply: FastifyReply,
    target: Answer,
    hinted?: UserRecord,
  ) {
    const transaction = tenant.identityState.rememberPending(target);
    const choices: SignInChoice[] = tenant.users
      .all()
      .filter(
        (user) => user.userType === "Member" && user.creationType === null && user.accountEnabled,
      )
      .map((user) => ({ user, roleDescription: roleDescriptionOf(user) }));
    return reply
      .type("text/html; charset=utf-8")
      .header("Cache-Control", "no-store")
      .send(
        signInPage({
          tenantName: tenant.identity.domain,
          appName: tenant.identity.appDisplayName,
          formAction: `/${encodeURIComponent(request.params.tenant)}/oauth2/v2.0/authorize`,
          transaction,
          choices,
          ...(hinted ? { hintedUserId: hinted.id } : {}),
        }),
      );
  }

  async function authorize(
    request: FastifyRequest<TenantParams>,
    reply: FastifyReply,
    params: Record<string, string>,
  ) {
    try {
      assertKnownTenant(request.params.tenant, tenant);
    } catch (error) {
      if (error instanceof OAuthError) return errorPage(reply, error);
      throw error;
    }
    const clientId = params.client_id;
    if (!clientId) return errorPage(reply, oauthErrors.missingParameter("client_id"));
    if (clientId.toLowerCase() !== tenant.identity.clientId) {
      return errorPage(reply, oauthErrors.unknownClient(clientId, tenant.identity.tenantId));
    }
    const redirectUri = params.redirect_uri;
    if (!redirectUri) return errorPage(reply, oauthErrors.missingParameter("redirect_uri"));
    if (!isAllowedRedirectUri(redirectUri, tenant.settings.extraRedirectUriPrefixes)) {
      return errorPage(
        reply,
        new OAuthError(
          "invalid_request",
          50011,
          `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
        ),
      );
    }
    const target: Answer = {
      clientId,
      redirectUri,
      responseMode: RESPONSE_MODES.includes(params.response_mode as ResponseMode)
        ? (params.response_mode as ResponseMode)
        : "query",
      scope: params.scope ?? "",
      state: params.state ?? null,
      nonce: params.nonce ?? null,
      codeChallenge: params.code_challenge ?? null,
      codeChallengeMethod: params.code_challenge ? (params.code_challenge_method ?? "plain") : null,
      clientInfo: params.client_info === "1",
      claims: null,
    };
    try {
      if (params.response_type !== "code") {
        throw new OAuthError(
          "unsupported_response_type",
          700054,
          `response_type '${params.response_type ?? ""}' is not enabled for the application.`,
        );
      }
      if (!target.scope) throw oauthErrors.missingParameter("scope");
      scopeRequestFor(tenant, target.scope, clientId);
      target.claims = parseClaimsRequest(params.claims);
      if (target.codeChallengeMethod && !["S256", "plain"].includes(target.codeChallengeMethod)) {
        throw oauthErrors.invalidRequest(
          "The code_challenge_method is not supported. Supported values are 'S256' and 'plain'.",
        );
      }
    } catch (error) {
      if (error instanceof OAuthError) return answerError(reply, target, error);
      throw error;
    }

    const prompt = (params.prompt ?? "").toLowerCase();
    const signedIn = signedInSession(request, tenant);
    const sessionUser = signedIn?.user;
    const hinted = findHintedUser(tenant, params.login_hint);

    if (prompt === "none") {
      if (!signedIn) {
        return answerError(
          reply,
          target,
          new OAuthError(
            "login_required",
            50058,
            "A silent sign-in request was sent but no user is signed in.",
          ),
        );
      }
      if (params.login_hint && hinted?.id !== signedIn.user.id) {
        return answerError(
          reply,
          target,
          new OAuthError(
            "login_required",
            50058,
            "A silent sign-in request was sent but none of the currently signed in user(s) match the requested login hint.",
          ),
        );
      }
      if (tenant.settings.silentSignInNeedsInteraction) {
        return answerError(
          reply,
          target,
          new OAuthError(
            "interaction_required",
            50076,
            `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${clientId}'.`,
          ),
        );
      }
      return completeSignIn(reply, target, signedIn.user, signedIn.session, true);
    }
    if (prompt === "select_account" || prompt === "login" || prompt === "create") {
      return showSignInPage(request, reply, target, hinted ?? sessionUser);
    }
    if (hinted && hinted.accountEnabled) {
      const session = hinted.id === sessionUser?.id ? signedIn?.session : undefined;
      return completeSignIn(reply, target, hinted, session, false);
    }
    if (signedIn && !params.login_hint)
      return completeSignIn(reply, target, signedIn.user, signedIn.session, false);
    return showSignInPage(request, reply, target, hinted);
  }

  app.get<TenantParams>(path, { config: { endpoint: "authorize" } }, (request, reply) =>
    authorize(request, reply, queryFields(request)),
  );

  app.post<TenantParams>(path, { config: { endpoint: "authorize" } }, async (request, reply) => {
    const fields = formFields(request);
    if (fields.transaction === undefined) return authorize(request, reply, fields);
    const target = tenant.identityState.takePending(fields.transaction);
    if (!target) {
      return reply
        .code(400)
        .type("text/html; charset=utf-8")
        .send(
          messagePage(
            "Sign-in expired",
            "This sign-in page has expired or was already used. Go back to the application and sign in again.",
          ),
        );
    }
    const user = fields.account ? tenant.users.get(fields.account) : undefined;
    if (!user || !user.accountEnabled) {
      return reply
        .code(400)
        .type("text/html; charset=utf-8")
        .send(messagePage("Sign-in failed", "Choose one of the listed accounts."));
    }
    return completeSignIn(reply, target, user, undefined, false);
  });
}
