import type { FastifyReply } from "fastify";
import { GRAPH_APP_ID } from "../constants";
import type { UserRecord } from "../store/user-record";
import type { TenantState } from "../tenant-state";
import { hasMfa, PASSWORD_ONLY, withMfa, type Authentication } from "./authentication";
import { answerError, blockedPage, type Answer } from "./authorize-answers";
import { blockedByConditionalAccess, mfaRequired, policyFor } from "./conditional-access";
import type { SignInSession } from "./identity-state";
import { scopeRequestFor } from "./scopes";

type Strength =
  | { authentication: Authentication; refusal?: undefined }
  | { refusal: (reply: FastifyReply) => FastifyReply; authentication?: undefined };

/**
 * How strongly this sign-in authenticates the person. A claims request with a step-up (after a claims
 * challenge), or a Graph scope under an MFA policy, makes the person do MFA; an interactive sign-in
 * does it, a silent one (`prompt=none`) cannot and answers AADSTS50076. A session remembers MFA, so
 * later silent sign-ins keep it.
 */
export function signInStrength(
  tenant: TenantState,
  target: Answer,
  user: UserRecord,
  session: SignInSession | undefined,
  silent: boolean,
): Strength {
  const policy = policyFor(tenant, user);
  if (policy === "blocked") {
    return silent
      ? {
          refusal: (reply) =>
            answerError(reply, target, blockedByConditionalAccess(tenant, "interaction_required")),
        }
      : { refusal: blockedPage };
  }
  const audience = scopeRequestFor(tenant, target.scope, target.clientId).audience;
  const stepUp = target.claims?.stepUp === true || (policy === "mfa" && audience === "graph");
  const current = session?.authentication ?? PASSWORD_ONLY;
  if (!stepUp) return { authentication: current };
  const contexts = target.claims?.contexts ?? [];
  if (silent && !hasMfa(current)) {
    const resource = audience === "graph" ? GRAPH_APP_ID : target.clientId;
    return { refusal: (reply) => answerError(reply, target, mfaRequired(tenant, resource, true)) };
  }
  return { authentication: withMfa(current, contexts) };
}
