import { GraphFailure } from "./graph-failure";
import type { GraphOperation } from "./graph-operation";

/** What is known about a failed Graph call, whether it came back as a response or never did. */
export type GraphErrorDetails = {
  /** HTTP status; undefined when no response arrived (network error, timeout). */
  status?: number;
  code?: string;
  message?: string;
  requestId?: string;
  retryAfterSeconds?: number;
};

// Graph's error messages are not a contract ("not for end users and may change", docs/graph-behaviour.md#error-responses):
// match loosely, and fall back on status and code.
const MEMBER_EXISTS = /already exists in the directory/i;
const INVITATIONS_NOT_ALLOWED = /guest invitations not allowed/i;
// The reset-redemption mismatch message uses typographic apostrophes ("doesn’t").
const EMAIL_MISMATCH = /match any emails on the user object/i;
// The blocked-domain error text is undocumented [guess]: accept any wording that ties a domain to a refusal.
const DOMAIN_BLOCKED =
  /domain.*(block|not allowed|denied|allow ?list|deny ?list)|(block|not allowed|denied).*domain/i;
const DOMAIN_BLOCKED_CODE = /domain.*block|block.*domain/i;
// Inviting without the right to invite answers 401 "Insufficient privileges … ControllerName=MSGraphInviteAPI",
// not 403: a permission refusal, unlike the 401 InvalidAuthenticationToken of an expired token.
const INSUFFICIENT_PRIVILEGES = /insufficient privileges/i;

function describe({ status, code, message }: GraphErrorDetails, operation: GraphOperation): string {
  const answer = status === undefined ? "no response" : [status, code].filter(Boolean).join(" ");
  return `Graph ${operation} failed: ${answer}${message ? ` (${message})` : ""}`;
}

/**
 * Classifies a failed Graph call into the portal's error codes. The resulting message holds Graph's own
 * message for the history and the logs; Graph error messages carry no tokens or redeem links.
 */
export function mapGraphError(details: GraphErrorDetails, operation: GraphOperation): GraphFailure {
  const { status, code = "", message = "" } = details;
  const failure = (failureCode: ConstructorParameters<typeof GraphFailure>[0]) =>
    new GraphFailure(failureCode, {
      message: describe(details, operation),
      ...(status !== undefined ? { status } : {}),
      ...(code ? { graphCode: code } : {}),
      ...(details.requestId ? { requestId: details.requestId } : {}),
      ...(failureCode === "throttled" && details.retryAfterSeconds !== undefined
        ? { retryAfterSeconds: Math.ceil(details.retryAfterSeconds) }
        : {}),
    });

  if (status === undefined) return failure("graph_unreachable");
  if (status === 429) return failure("throttled");
  if (status >= 500) return failure("graph_unreachable");
  if (MEMBER_EXISTS.test(message)) return failure("member_exists");
  if (EMAIL_MISMATCH.test(message)) return failure("email_mismatch");
  if (DOMAIN_BLOCKED.test(message) || DOMAIN_BLOCKED_CODE.test(code))
    return failure("domain_blocked");
  if (INVITATIONS_NOT_ALLOWED.test(message)) return failure("invitations_restricted");
  const refused =
    status === 403 ||
    code === "Authorization_RequestDenied" ||
    (status === 401 && INSUFFICIENT_PRIVILEGES.test(message));
  if (refused) return failure(operation === "invite" ? "invitations_restricted" : "forbidden");
  if (status === 401) return failure("session_expired");
  return failure("graph_error");
}
