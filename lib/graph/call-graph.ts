import { GraphError, ResponseType } from "@microsoft/microsoft-graph-client";
import type { GraphConnection } from "./graph-connection";
import type { GraphOperation } from "./graph-operation";
import { mapGraphError, type GraphErrorDetails } from "./map-graph-error";
import { BearerTokenOption, GraphOperationOption } from "./middleware";
import { mayRepeatUnanswered } from "./repeat-rules";
import { parseRetryAfter } from "./retry-after";
import { createRetryOptions } from "./retry-policy";

export type GraphCall = {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Path under the version, e.g. /invitations. */
  path: string;
  body?: unknown;
  filter?: string;
  select?: string[];
  top?: number;
  orderby?: string;
  count?: boolean;
  headers?: Record<string, string>;
};

export type GraphReply<T> = { data: T; requestId?: string };

function requestIdOf(response: Response): string | undefined {
  return (
    response.headers.get("request-id") ?? response.headers.get("client-request-id") ?? undefined
  );
}

async function detailsOf(response: Response): Promise<GraphErrorDetails> {
  const details: GraphErrorDetails = { status: response.status };
  const retryAfter = parseRetryAfter(response.headers.get("Retry-After"));
  if (retryAfter !== undefined) details.retryAfterSeconds = retryAfter;
  let requestId = requestIdOf(response);
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string; innerError?: { "request-id"?: string } };
    };
    if (body.error?.code) details.code = body.error.code;
    if (body.error?.message) details.message = body.error.message;
    requestId ??= body.error?.innerError?.["request-id"];
  } catch {
    // Gateways answer 5xx with HTML; the status alone classifies those.
  }
  if (requestId) details.requestId = requestId;
  return details;
}

async function sendOnce(
  connection: GraphConnection,
  call: GraphCall,
  accessToken: string,
  operation: GraphOperation,
): Promise<Response> {
  let request = connection.client
    .api(call.path)
    .middlewareOptions([
      new BearerTokenOption(accessToken),
      createRetryOptions(connection.retryBounds, Date.now, call.method),
      new GraphOperationOption(operation),
    ])
    .responseType(ResponseType.RAW);
  if (call.headers) request = request.headers(call.headers);
  // The SDK copies OData values into the URL as they are: encode them so a search for "a&b" stays one value.
  if (call.filter) request = request.filter(encodeURIComponent(call.filter));
  if (call.select) request = request.select(call.select);
  if (call.top !== undefined) request = request.top(call.top);
  if (call.orderby) request = request.orderby(encodeURIComponent(call.orderby));
  if (call.count) request = request.count(true);
  const pending =
    call.method === "GET"
      ? request.get()
      : call.method === "POST"
        ? request.post(call.body)
        : call.method === "DELETE"
          ? request.delete()
          : request.patch(call.body);
  return (await pending) as Response;
}

/**
 * Sends one request through the connection's middleware (token, bounded retries, per-attempt timeout)
 * and returns the body with Graph's request-id, or throws a classified GraphFailure.
 */
export async function callGraph<T>(
  connection: GraphConnection,
  call: GraphCall,
  operation: GraphOperation,
): Promise<GraphReply<T>> {
  // Outside the SDK: it would wrap an on-behalf-of failure into a GraphError and lose its code.
  const accessToken = await connection.getAccessToken();
  const send = () => sendOnce(connection, call, accessToken, operation);
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    // With a raw response type only transport failures throw: no answer, or the attempt timed out.
    if (!(error instanceof GraphError)) throw error;
    // Repeated once when safe (a pooled connection can be closed under us): repeat-rules.ts.
    if (!mayRepeatUnanswered(call.method)) throw mapGraphError({}, operation);
    try {
      response = await send();
    } catch (retryError) {
      if (retryError instanceof GraphError) throw mapGraphError({}, operation);
      throw retryError;
    }
  }
  if (!response.ok) throw mapGraphError(await detailsOf(response), operation);
  const requestId = requestIdOf(response);
  const data = (response.status === 204 ? undefined : await response.json()) as T;
  return requestId ? { data, requestId } : { data };
}
