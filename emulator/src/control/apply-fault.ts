import type { FastifyReply, FastifyRequest } from "fastify";
import { GraphError, graphErrors } from "../graph/graph-error";
import { sendGraphError } from "../http/graph-reply";
import { isGraphPath, pathOf } from "../http/request-context";
import { OAuthError, oauthErrorBody } from "../identity/oauth-error";
import type { TenantState } from "../tenant-state";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Faults injected through the control API, applied before anything else looks at the request. */
export async function applyFault(
  request: FastifyRequest,
  reply: FastifyReply,
  tenant: TenantState,
) {
  const fault = tenant.faults.take(request.method, pathOf(request.url));
  if (!fault) return;
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.kind === "drop") {
    reply.hijack();
    request.raw.socket.destroy();
    return reply;
  }
  if (fault.kind !== "status") return;
  const status = fault.status ?? 500;
  const retryAfter = fault.retryAfterSeconds;
  const headers: Record<string, string> =
    retryAfter !== undefined && retryAfter !== null ? { "Retry-After": String(retryAfter) } : {};
  if (isGraphPath(request.url)) {
    const failure =
      status === 429
        ? graphErrors.throttled(retryAfter ?? null)
        : status === 503
          ? graphErrors.unavailable()
          : status >= 500
            ? new GraphError(status, "InternalServerError", "An internal server error occurred.")
            : new GraphError(status, "BadRequest", "Injected failure.");
    return sendGraphError(
      request,
      reply,
      new GraphError(failure.status, failure.code, failure.message, {
        ...failure.headers,
        ...headers,
      }),
    );
  }
  const error = status === 429 || status === 503 ? "temporarily_unavailable" : "server_error";
  return reply
    .code(status)
    .headers(headers)
    .send(
      oauthErrorBody(
        new OAuthError(
          error,
          status === 429 ? 90033 : 90010,
          "The service is temporarily unavailable.",
          status,
        ),
      ),
    );
}
