import {
  Client,
  HTTPMessageHandler,
  ResponseType,
  RetryHandler,
  RetryHandlerOptions,
  type Context,
  type Middleware,
} from "@microsoft/microsoft-graph-client";
import type { LocalTenant } from "../../src/index";
import {
  assertGraphError,
  assertMatchesSchema,
  type CheckedBody,
  type SchemaName,
} from "./graph-schemas";

/**
 * Adds the bearer token. The SDK's AuthenticationHandler only recognises https Graph hosts (and https
 * custom hosts), so on the local tenant's http origin it would send no token at all.
 */
class BearerTokenHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly accessToken: string) {}

  async execute(context: Context): Promise<void> {
    context.options ??= {};
    const headers = context.options.headers;
    if (headers instanceof Headers) headers.set("Authorization", `Bearer ${this.accessToken}`);
    else
      context.options.headers = {
        ...(headers as Record<string, string> | undefined),
        Authorization: `Bearer ${this.accessToken}`,
      };
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** The official Graph client pointed at the local tenant; no retry handler, so 429s reach the test. */
export function graphClient(tenant: LocalTenant, accessToken: string): Client {
  const bearer = new BearerTokenHandler(accessToken);
  bearer.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    baseUrl: tenant.url,
    defaultVersion: "v1.0",
    middleware: bearer,
  });
}

/**
 * The Graph client with its RetryHandler, as an application gets it by default: it re-sends a POST
 * after 429, 503 and 504 (docs/graph-behaviour.md#retrying-a-post). `delaySeconds` 0 keeps tests quick.
 */
export function retryingGraphClient(
  tenant: LocalTenant,
  accessToken: string,
  options: { delaySeconds: number; maxRetries: number },
): Client {
  const bearer = new BearerTokenHandler(accessToken);
  const retry = new RetryHandler(new RetryHandlerOptions(options.delaySeconds, options.maxRetries));
  bearer.setNext(retry);
  retry.setNext(new HTTPMessageHandler());
  return Client.initWithMiddleware({
    baseUrl: tenant.url,
    defaultVersion: "v1.0",
    middleware: bearer,
  });
}

export type GraphAnswer = { status: number; headers: Headers; body: unknown };

type Call = {
  method?: "GET" | "POST" | "PATCH" | "DELETE" | "PUT";
  body?: unknown;
  headers?: Record<string, string>;
};

/** One call through the Graph client with a raw response, so tests see status, headers and body. */
export async function callGraph(
  client: Client,
  path: string,
  call: Call = {},
): Promise<GraphAnswer> {
  let request = client.api(path).responseType(ResponseType.RAW);
  if (call.headers) request = request.headers(call.headers);
  const method = call.method ?? "GET";
  const response = (await (method === "GET"
    ? request.get()
    : method === "POST"
      ? request.post(call.body)
      : method === "PATCH"
        ? request.patch(call.body)
        : method === "PUT"
          ? request.put(call.body)
          : request.delete())) as Response;
  const text = await response.text();
  let body: unknown = text;
  if ((response.headers.get("content-type") ?? "").includes("json") && text !== "")
    body = JSON.parse(text);
  return { status: response.status, headers: response.headers, body };
}

/** Asserts a successful answer and validates its body against the named schema. */
export function expectSuccess(
  answer: GraphAnswer,
  status: number,
  schema: SchemaName,
): CheckedBody {
  if (answer.status !== status)
    throw new Error(`Expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  assertMatchesSchema(schema, answer.body);
  return answer.body;
}

/** Asserts a Graph error answer: status, schema-valid body, request-id header; returns code and message. */
export function expectGraphError(
  answer: GraphAnswer,
  status: number,
  code?: string,
): { code: string; message: string } {
  if (answer.status !== status)
    throw new Error(`Expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  const error = assertGraphError(answer.body);
  if (!answer.headers.get("request-id")) throw new Error("No request-id header");
  if (code !== undefined && error.code !== code)
    throw new Error(`Expected code ${code}, got ${error.code}: ${error.message}`);
  return error;
}
