import type { FastifyReply, FastifyRequest } from "fastify";
import { GraphError, graphErrorBody, graphErrors } from "../graph/graph-error";
import { GRAPH_JSON, sendGraphError } from "../http/graph-reply";
import { contextOf, isGraphPath, pathOf } from "../http/request-context";
import { OAuthError, oauthErrorBody } from "../identity/oauth-error";
import type { TenantState } from "../tenant-state";
import { isActThenFault, type FaultRule } from "./faults";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The failure an injected status stands for, in Graph's words (README, "Behaviour and its source"). */
function injectedGraphError(status: number, retryAfter: number | null | undefined): GraphError {
  const failure =
    status === 429
      ? graphErrors.throttled(retryAfter ?? null)
      : status === 503
        ? graphErrors.unavailable()
        : status === 504
          ? graphErrors.gatewayTimeout()
          : status >= 500
            ? new GraphError(status, "InternalServerError", "An internal server error occurred.")
            : new GraphError(status, "BadRequest", "Injected failure.");
  const headers: Record<string, string> =
    retryAfter !== undefined && retryAfter !== null ? { "Retry-After": String(retryAfter) } : {};
  return new GraphError(failure.status, failure.code, failure.message, {
    ...failure.headers,
    ...headers,
  });
}

/** Entra's shape for the identity endpoints. */
function injectedOAuthError(status: number): OAuthError {
  const error = status === 429 || status === 503 ? "temporarily_unavailable" : "server_error";
  return new OAuthError(
    error,
    status === 429 ? 90033 : 90010,
    "The service is temporarily unavailable.",
    status,
  );
}

const retryAfterHeader = (fault: FaultRule): Record<string, string> =>
  fault.retryAfterSeconds !== undefined && fault.retryAfterSeconds !== null
    ? { "Retry-After": String(fault.retryAfterSeconds) }
    : {};

/** Faults injected through the control API, applied before anything else looks at the request. */
export async function applyFault(
  request: FastifyRequest,
  reply: FastifyReply,
  tenant: TenantState,
) {
  const fault = tenant.faults.take(request.method, pathOf(request.url));
  if (!fault) return;
  const context = contextOf(request);
  if (context.logEntry) context.logEntry.fault = fault.kind;
  if (isActThenFault(fault.kind)) {
    context.lostAnswer = fault;
    return;
  }
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.kind === "drop") {
    reply.hijack();
    request.raw.socket.destroy();
    return reply;
  }
  if (fault.kind !== "status") return;
  const status = fault.status ?? 500;
  if (isGraphPath(request.url))
    return sendGraphError(request, reply, injectedGraphError(status, fault.retryAfterSeconds));
  return reply
    .code(status)
    .headers(retryAfterHeader(fault))
    .send(oauthErrorBody(injectedOAuthError(status)));
}

/**
 * onSend for `act-then-*` faults: the request did its work, now its answer is replaced by an error,
 * dropped, or held back. Returns the payload to send.
 */
export async function loseAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  const context = contextOf(request);
  const fault = context.lostAnswer;
  if (!fault) return payload;
  context.lostAnswer = null;
  if (fault.kind === "act-then-delay") {
    await sleep(fault.delayMs ?? 0);
    return payload;
  }
  if (fault.kind === "act-then-drop") {
    if (context.logEntry) context.logEntry.status = null;
    request.raw.socket.destroy();
    return payload;
  }
  if (fault.delayMs) await sleep(fault.delayMs);
  const status = fault.status ?? 504;
  reply.removeHeader("location");
  if (isGraphPath(request.url)) {
    const failure = injectedGraphError(status, fault.retryAfterSeconds);
    reply.code(failure.status).headers(failure.headers).header("content-type", GRAPH_JSON);
    return JSON.stringify(graphErrorBody(failure, context.requestId, context.clientRequestId));
  }
  reply
    .code(status)
    .headers(retryAfterHeader(fault))
    .header("content-type", "application/json; charset=utf-8");
  return JSON.stringify(oauthErrorBody(injectedOAuthError(status)));
}
