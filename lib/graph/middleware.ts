import type { Context, Middleware } from "@microsoft/microsoft-graph-client";

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
