import { randomUUID } from "node:crypto";
import type { FastifyRequest } from "fastify";
import type { RequestLogEntry } from "../control/request-log";

export type RequestContext = {
  requestId: string;
  clientRequestId: string;
  startedAt: number;
  logEntry: RequestLogEntry | null;
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
    };
    contexts.set(request, context);
  }
  return context;
}

export const isGraphPath = (url: string) => /^\/(v1\.0|beta)(\/|$|\?)/i.test(url);
export const isControlPath = (url: string) => url.startsWith("/_emulator");
export const pathOf = (url: string) => url.split("?")[0] ?? url;
