/** One entry of Graph's optional `error.details` array. */
export type GraphErrorDetail = { code: string; message: string; target?: string };

/** A Graph failure: status, code and message; the server adds Graph's innerError and headers. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly details: GraphErrorDetail[] = [],
  ) {
    super(message);
    this.name = "GraphError";
  }
}

export type GraphErrorBody = {
  error: {
    code: string;
    message: string;
    details?: GraphErrorDetail[];
    innerError: { date: string; "request-id": string; "client-request-id": string };
  };
};

/** Graph's `innerError.date` has no time zone: `2023-07-14T08:43:39` (docs/graph-behaviour.md#error-responses). */
export function graphErrorDate(date: Date = new Date()): string {
  return date.toISOString().slice(0, 19);
}

export function graphErrorBody(
  failure: GraphError,
  requestId: string,
  clientRequestId: string,
): GraphErrorBody {
  return {
    error: {
      code: failure.code,
      message: failure.message,
      ...(failure.details.length > 0 ? { details: failure.details } : {}),
      innerError: {
        date: graphErrorDate(),
        "request-id": requestId,
        "client-request-id": clientRequestId,
      },
    },
  };
}

export const graphErrors = {
  emptyToken: () =>
    new GraphError(401, "InvalidAuthenticationToken", "Access token is empty.", bearerChallenge()),
  malformedToken: () =>
    new GraphError(
      401,
      "InvalidAuthenticationToken",
      "CompactToken parsing failed with error code: 80049217",
      bearerChallenge(),
    ),
  invalidToken: (detail?: string) =>
    new GraphError(
      401,
      "InvalidAuthenticationToken",
      detail ? `Access token validation failure. ${detail}` : "Access token validation failure.",
      bearerChallenge(),
    ),
  expiredToken: () =>
    new GraphError(
      401,
      "InvalidAuthenticationToken",
      "Access token has expired or is not yet valid.",
      bearerChallenge(),
    ),
  insufficientPrivileges: () =>
    new GraphError(
      403,
      "Authorization_RequestDenied",
      "Insufficient privileges to complete the operation.",
    ),
  /**
   * Inviting without the right to invite: 401, not 403, from the invitation service behind Graph
   * (README, "Behaviour and its source").
   */
  inviteUnauthorized: (tenantId: string) =>
    new GraphError(
      401,
      "Unauthorized",
      `Insufficient privileges to perform requested operation by the application '00000003-0000-0000-c000-000000000000'. ControllerName=MSGraphInviteAPI, ActionName=CreateInvite, URL absolute path=/api/${tenantId}/invites`,
    ),
  /** Reset redemption by someone without the directory role it needs. */
  genericAuthorization: () => new GraphError(403, "Forbidden", "Generic authorization exception."),
  badRequest: (message: string, code = "BadRequest") => new GraphError(400, code, message),
  resourceNotFound: (id: string) =>
    new GraphError(
      404,
      "Request_ResourceNotFound",
      `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`,
    ),
  segmentNotFound: (segment: string) =>
    new GraphError(400, "BadRequest", `Resource not found for the segment '${segment}'.`),
  methodNotAllowed: (method: string) =>
    new GraphError(
      405,
      "Request_BadRequest",
      `The HTTP method '${method}' is not allowed on this resource.`,
    ),
  unreadablePayload: () =>
    new GraphError(
      400,
      "BadRequest",
      "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.",
    ),
  payloadTooLarge: () =>
    new GraphError(413, "RequestEntityTooLarge", "The request body is too large."),
  unknownProperty: (property: string, type: string) =>
    new GraphError(
      400,
      "BadRequest",
      `The property '${property}' does not exist on type '${type}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    ),
  unsupportedQuery: (message: string) => new GraphError(400, "Request_UnsupportedQuery", message),
  throttled: (retryAfterSeconds: number | null) =>
    new GraphError(
      429,
      "TooManyRequests",
      "Too many requests.",
      retryAfterSeconds === null ? {} : { "Retry-After": String(retryAfterSeconds) },
    ),
  internal: () => new GraphError(500, "InternalServerError", "An internal server error occurred."),
  /** Graph's gateway gave up waiting for the service behind it: the body carries no message. */
  gatewayTimeout: () => new GraphError(504, "UnknownError", ""),
  unavailable: () =>
    new GraphError(
      503,
      "ServiceUnavailable",
      "The service is temporarily unavailable. Please retry later.",
    ),
};

function bearerChallenge(): Record<string, string> {
  return {
    "WWW-Authenticate":
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  };
}
