import { Client, HTTPMessageHandler, RetryHandler } from "@microsoft/microsoft-graph-client";
import { acquireGraphTokenOnBehalfOf } from "@/lib/auth/on-behalf-of";
import type { Caller } from "@/lib/auth/caller";
import type { GraphPermission } from "@/lib/auth/graph-permissions";
import { getServerConfig } from "@/lib/config/server-config";
import {
  AttemptMetricsHandler,
  AttemptTimeoutHandler,
  BearerTokenHandler,
  ClientRequestIdHandler,
} from "./middleware";
import { DEFAULT_RETRY_BOUNDS, type RetryBounds } from "./retry-policy";

const DEFAULT_ATTEMPT_TIMEOUT_MS = 20_000;

/** How long one Graph request may take; GRAPH_ATTEMPT_TIMEOUT_MS overrides it (tests of lost answers). */
function attemptTimeoutMs(): number {
  const configured = Number(process.env.GRAPH_ATTEMPT_TIMEOUT_MS);
  return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_ATTEMPT_TIMEOUT_MS;
}

/** A Graph client plus how to get its token and how long to keep trying. */
export type GraphConnection = {
  client: Client;
  getAccessToken: () => Promise<string>;
  retryBounds: RetryBounds;
};

export type GraphConnectionOptions = {
  /** Graph origin without version: https://graph.microsoft.com or the local tenant's origin. */
  baseUrl: string;
  getAccessToken: () => Promise<string>;
  retryBounds?: RetryBounds;
  attemptTimeoutMs?: number;
};

export function createGraphConnection(options: GraphConnectionOptions): GraphConnection {
  const retryBounds = options.retryBounds ?? DEFAULT_RETRY_BOUNDS;
  const client = Client.initWithMiddleware({
    baseUrl: options.baseUrl,
    defaultVersion: "v1.0",
    middleware: [
      new BearerTokenHandler(new URL(options.baseUrl).origin),
      new ClientRequestIdHandler(),
      new RetryHandler(),
      new AttemptMetricsHandler(),
      new AttemptTimeoutHandler(options.attemptTimeoutMs ?? attemptTimeoutMs()),
      new HTTPMessageHandler(),
    ],
  });
  return { client, getAccessToken: options.getAccessToken, retryBounds };
}

/** A connection that calls Graph on behalf of `caller` with one delegated permission. */
export function connectAs(caller: Caller, permission: GraphPermission): GraphConnection {
  return createGraphConnection({
    baseUrl: getServerConfig().graphBaseUrl,
    getAccessToken: () => acquireGraphTokenOnBehalfOf(caller, permission),
  });
}
