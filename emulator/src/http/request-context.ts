import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { TenantState } from "../tenant-state";
import type { RequestLogEntry } from "../control/request-log";
import type { FaultRule } from "../control/faults";

export type RequestContext = {
  requestId: string;
  clientRequestId: string;
  startedAt: number;
  logEntry: RequestLogEntry | null;
  /** An `act-then-*` fault waiting for the processed answer, to lose it. */
  lostAnswer: FaultRule | null;
};

const contexts = new WeakMap<FastifyRequest, RequestContext>();

export function contextOf(request: FastifyRequest): RequestContext {
  let context = contexts.get(request);
  if (!context) {
    const requestId = randomUUID();
    const given = request.headers["client-request-id"];
    context = {
      requestId,
      // Graph echoes the caller's client-request-id, or repeats its own request id.
      clientRequestId: typeof given === "string" && given.trim() !== "" ? given : requestId,
      startedAt: Date.now(),
      logEntry: null,
      lostAnswer: null,
    };
    contexts.set(request, context);
  }
  return context;
}

export const isGraphPath = (url: string) => /^\/(v1\.0|beta)(\/|$|\?)/i.test(url);
export const isControlPath = (url: string) => url.startsWith("/_emulator");
export const pathOf = (url: string) => url.split("?")[0] ?? url;

const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The origin this request reached the tenant on: discovery, `@odata.nextLink`, `@odata.context` and
 * redeem links use it, so they work whether the caller says 127.0.0.1 or localhost. A configured
 * public URL wins.
 */
export function originOf(request: FastifyRequest, tenant: TenantState): string {
  if (tenant.fixedPublicUrl) return tenant.fixedPublicUrl;
  const host = request.headers.host;
  return host && HOST.test(host) ? `http://${host}` : tenant.listenUrl;
}
