import { randomUUID } from "node:crypto";
import type { Context, Middleware } from "@microsoft/microsoft-graph-client";
import { metrics } from "@/lib/observability/metrics";
import { currentRequestContext } from "@/lib/observability/request-context";

/** Per-request option carrying the Graph token, acquired before the request so OBO errors keep their type. */
export class BearerTokenOption {
  constructor(readonly accessToken: string) {}
}

function requestUrl(context: Context): string {
  return typeof context.request === "string" ? context.request : context.request.url;
}

function setHeader(context: Context, name: string, value: string): void {
  context.options ??= {};
  const headers = context.options.headers;
  if (headers instanceof Headers) headers.set(name, value);
  else
    context.options.headers = { ...(headers as Record<string, string> | undefined), [name]: value };
}

/**
 * Adds the Graph token to requests for the configured Graph origin only. The SDK's own
 * AuthenticationHandler recognises https Graph hosts only, so it would send the local tenant no token.
 */
export class BearerTokenHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly graphOrigin: string) {}

  async execute(context: Context): Promise<void> {
    const option = context.middlewareControl?.getMiddlewareOptions(BearerTokenOption) as
      BearerTokenOption | undefined;
    if (option && new URL(requestUrl(context)).origin === this.graphOrigin) {
      setHeader(context, "Authorization", `Bearer ${option.accessToken}`);
    }
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** Bounds each attempt (the RetryHandler sits before it, so every retry gets a fresh timer). */
export class AttemptTimeoutHandler implements Middleware {
  private next: Middleware | undefined;

  constructor(private readonly timeoutMs: number) {}

  async execute(context: Context): Promise<void> {
    context.options ??= {};
    context.options.signal = AbortSignal.timeout(this.timeoutMs);
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** Per-request option naming the operation, for the per-attempt metrics. */
export class GraphOperationOption {
  constructor(readonly operation: string) {}
}

/**
 * Sends the action's request id (lib/observability) as `client-request-id`, so a Graph request can be
 * matched with the portal's log lines; Graph echoes it in its answer and its own logs.
 */
export class ClientRequestIdHandler implements Middleware {
  private next: Middleware | undefined;

  async execute(context: Context): Promise<void> {
    setHeader(context, "client-request-id", currentRequestContext()?.requestId ?? randomUUID());
    await this.next?.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** Times every attempt (after the RetryHandler, so each retry counts) and counts 429 answers. */
export class AttemptMetricsHandler implements Middleware {
  private next: Middleware | undefined;

  async execute(context: Context): Promise<void> {
    const option = context.middlewareControl?.getMiddlewareOptions(GraphOperationOption) as
      GraphOperationOption | undefined;
    const operation = option?.operation ?? "other";
    const { graphDuration, graphThrottled } = metrics();
    const started = performance.now();
    let status = "none";
    try {
      await this.next?.execute(context);
      status = String(context.response?.status ?? "none");
    } finally {
      graphDuration.observe({ operation, status }, (performance.now() - started) / 1000);
      if (status === "429") graphThrottled.inc({ operation });
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}
