import cors from "@fastify/cors";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { registerBackdateRoutes } from "./control/backdate-routes";
import { registerControlRoutes } from "./control/control-routes";
import { applyFault, loseAnswer, sleep } from "./control/apply-fault";
import { registerSignInControlRoutes } from "./control/sign-in-routes";
import { bodyForLog, loggableHeaders } from "./control/request-log";
import { GraphError, graphErrors } from "./graph/graph-error";
import { GRAPH_ROUTE_METHODS, registerGraphRoutes } from "./graph/graph-routes";
import { SPONSOR_ROUTE_METHODS, registerSponsorRoutes } from "./graph/sponsor-routes";
import { GROUP_ROUTE_METHODS, registerGroupRoutes } from "./graph/group-routes";
import { DELETED_ITEM_ROUTE_METHODS, registerDeletedItemRoutes } from "./graph/deleted-item-routes";
import {
  DIRECTORY_ROLE_ROUTE_METHODS,
  registerDirectoryRoleRoutes,
} from "./graph/directory-role-routes";
import { GRAPH_JSON, sendGraphError } from "./http/graph-reply";
import { bodyText, contentTypeOf, safeDecode } from "./http/request-body";
import { contextOf, isControlPath, isGraphPath, pathOf } from "./http/request-context";
import { registerAuthorizeRoutes } from "./identity/authorize-routes";
import { registerDiscoveryRoutes } from "./identity/discovery-routes";
import { registerLogoutRoutes } from "./identity/logout-routes";
import { OAuthError, oauthErrorBody } from "./identity/oauth-error";
import { registerTokenRoutes } from "./identity/token-routes";
import { registerRedeemRoutes } from "./redeem/redeem-routes";
import type { EndpointName } from "./settings";
import type { TenantState } from "./tenant-state";

declare module "fastify" {
  interface FastifyContextConfig {
    endpoint?: EndpointName;
  }
}

export async function buildServer(tenant: TenantState): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    // close() must not wait for requests an injected hang is holding.
    forceCloseConnections: true,
    bodyLimit: tenant.settings.maxRequestBodyBytes,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 2000 },
    // Malformed percent-encoding in the path never reaches the error handler: answer it here.
    frameworkErrors: (error, request, reply) => {
      if (isGraphPath(request.url)) {
        const context = contextOf(request);
        reply
          .header("request-id", context.requestId)
          .header("client-request-id", context.clientRequestId);
        return sendGraphError(
          request,
          reply,
          graphErrors.badRequest("The request URL is not valid."),
        );
      }
      return (reply as FastifyReply)
        .code(400)
        .send({ error: "invalid_request", error_description: error.message });
    },
  });

  // Every body is read as text and parsed by the route that owns it, so bad input gets the owner's error shape.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));

  await app.register(cors, {
    origin: true,
    credentials: true,
    methods: ["GET", "POST", "PATCH", "DELETE", "OPTIONS"],
    exposedHeaders: ["request-id", "client-request-id", "Retry-After", "WWW-Authenticate"],
    maxAge: 600,
  });

  app.addHook("onRequest", async (request, reply) => {
    const context = contextOf(request);
    if (isGraphPath(request.url)) {
      reply
        .header("request-id", context.requestId)
        .header("client-request-id", context.clientRequestId);
      reply.header("Cache-Control", "no-cache");
    } else if (!isControlPath(request.url)) {
      reply.header("x-ms-request-id", context.requestId);
    }
    if (request.method === "OPTIONS" || isControlPath(request.url)) return;
    context.logEntry = {
      id: context.requestId,
      time: new Date(context.startedAt).toISOString(),
      method: request.method,
      path: pathOf(request.url),
      query: request.query as Record<string, string | string[]>,
      headers: loggableHeaders(request.headers),
      body: null,
      status: null,
      durationMs: null,
    };
    tenant.requestLog.add(context.logEntry, tenant.settings.requestLogLimit);
    return applyFault(request, reply, tenant);
  });

  app.addHook("preHandler", async (request) => {
    const context = contextOf(request);
    if (context.logEntry)
      context.logEntry.body = bodyForLog(bodyText(request), contentTypeOf(request));
    const endpoint = request.routeOptions.config.endpoint;
    const latency = endpoint ? (tenant.settings.latencyMs[endpoint] ?? 0) : 0;
    if (latency > 0) await sleep(latency);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    if (
      isGraphPath(request.url) &&
      String(reply.getHeader("content-type") ?? "").startsWith("application/json")
    ) {
      reply.header("content-type", GRAPH_JSON);
    }
    return payload;
  });
  app.addHook("onSend", async (request, reply, payload) => loseAnswer(request, reply, payload));

  app.addHook("onResponse", async (request, reply) => {
    const context = contextOf(request);
    if (context.logEntry) {
      // A dropped answer never had a status, whatever the reply object holds.
      if (context.logEntry.fault !== "act-then-drop") context.logEntry.status = reply.statusCode;
      context.logEntry.durationMs = Date.now() - context.startedAt;
    }
  });

  app.setErrorHandler((error, request, reply) => {
    const code = (error as { code?: string }).code ?? "";
    const tooLarge = code === "FST_ERR_CTP_BODY_TOO_LARGE";
    if (isGraphPath(request.url)) {
      if (error instanceof GraphError) return sendGraphError(request, reply, error);
      if (tooLarge) return sendGraphError(request, reply, graphErrors.payloadTooLarge());
      if (code.startsWith("FST_ERR_CTP"))
        return sendGraphError(request, reply, graphErrors.unreadablePayload());
      console.error("[local tenant] unexpected error", error);
      return sendGraphError(request, reply, graphErrors.internal());
    }
    if (error instanceof OAuthError) return reply.code(error.status).send(oauthErrorBody(error));
    if (tooLarge)
      return reply
        .code(413)
        .send({ error: "request_too_large", error_description: "The request body is too large." });
    if (code.startsWith("FST_ERR_CTP"))
      return reply.code(400).send({
        error: "invalid_request",
        error_description: error instanceof Error ? error.message : String(error),
      });
    const status = (error as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send({
        error: "invalid_request",
        error_description: error instanceof Error ? error.message : String(error),
      });
    }
    console.error("[local tenant] unexpected error", error);
    return reply.code(500).send({
      error: "server_error",
      error_description: "An unexpected error occurred in the local tenant.",
    });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url);
    if (isGraphPath(path)) {
      const known = [
        ...GRAPH_ROUTE_METHODS,
        ...SPONSOR_ROUTE_METHODS,
        ...DIRECTORY_ROLE_ROUTE_METHODS,
        ...GROUP_ROUTE_METHODS,
        ...DELETED_ITEM_ROUTE_METHODS,
      ].find(([pattern]) => pattern.test(path));
      if (known && !known[1].includes(request.method)) {
        return sendGraphError(request, reply, graphErrors.methodNotAllowed(request.method));
      }
      const segments = path.split("/").filter(Boolean);
      return sendGraphError(
        request,
        reply,
        graphErrors.segmentNotFound(safeDecode(segments[1] ?? segments[0] ?? "")),
      );
    }
    return reply.code(404).send({
      error: "not_found",
      error_description: `No route ${request.method} ${path} in the local tenant.`,
    });
  });

  registerDiscoveryRoutes(app, tenant);
  registerAuthorizeRoutes(app, tenant);
  registerTokenRoutes(app, tenant);
  registerLogoutRoutes(app, tenant);
  registerGraphRoutes(app, tenant);
  registerSponsorRoutes(app, tenant);
  registerRedeemRoutes(app, tenant);
  registerControlRoutes(app, tenant);
  registerBackdateRoutes(app, tenant);
  registerDirectoryRoleRoutes(app, tenant);
  registerGroupRoutes(app, tenant);
  registerDeletedItemRoutes(app, tenant);
  registerSignInControlRoutes(app, tenant);
  return app;
}
