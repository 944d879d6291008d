import { createHash } from "node:crypto";
import type { ConfidentialClientApplication } from "@azure/msal-node";
import { getServerConfig, type ServerConfig } from "@/lib/config/server-config";
import { BoundedCache } from "./bounded-cache";
import type { Caller } from "./caller";
import { createConfidentialClient } from "./confidential-client";
import { graphScope, type GraphPermission } from "./graph-permissions";
import { mapMsalError } from "./msal-failure";

export { createConfidentialClient } from "./confidential-client";
export { mapMsalError } from "./msal-failure";

/** Graph tokens kept per (person's token, permission); a token is dropped 2 minutes before it expires. */
const OBO_CACHE_LIMITS = { maxEntries: 1_000, maxAgeMs: 30 * 60_000 };
const EXPIRY_MARGIN_MS = 2 * 60_000;

export type OnBehalfOfClient = {
  msal: ConfidentialClientApplication;
  graphResource: string;
  tokens: BoundedCache<string>;
};

export function createOnBehalfOfClient(
  config: Parameters<typeof createConfidentialClient>[0] & Pick<ServerConfig, "graphResource">,
  limits: { maxEntries: number; maxAgeMs: number } = OBO_CACHE_LIMITS,
): OnBehalfOfClient {
  return {
    msal: createConfidentialClient(config),
    graphResource: config.graphResource,
    tokens: new BoundedCache<string>(limits),
  };
}

let application: { client: OnBehalfOfClient; config: ServerConfig } | undefined;

/** One client per process: its bounded cache is what makes repeated OBO calls cheap. */
function getOnBehalfOfClient(): OnBehalfOfClient {
  const config = getServerConfig();
  if (application?.config !== config)
    application = { client: createOnBehalfOfClient(config), config };
  return application.client;
}

function cacheKey(assertion: string, scope: string): string {
  // A hash, so the cache holds no usable credential as a key.
  return createHash("sha256").update(assertion).update("\n").update(scope).digest("base64url");
}

/**
 * Exchanges the caller's portal-API token for a Graph token with exactly one delegated permission.
 * The Graph token is opaque to us and never leaves the server (docs/graph-behaviour.md#graph-tokens). msal-node's own cache
 * grows with every person and is never evicted, so it is emptied after each exchange and this
 * bounded cache stands in front of it.
 */
export async function acquireGraphTokenOnBehalfOf(
  caller: Pick<Caller, "rawToken">,
  permission: GraphPermission,
  client: OnBehalfOfClient = getOnBehalfOfClient(),
): Promise<string> {
  if (!caller.rawToken)
    throw new Error("acquireGraphTokenOnBehalfOf needs the caller from validateAccessToken");
  const scope = graphScope(permission, client.graphResource);
  const key = cacheKey(caller.rawToken, scope);
  const cached = client.tokens.get(key);
  if (cached) return cached;
  let result;
  try {
    result = await client.msal.acquireTokenOnBehalfOf({
      oboAssertion: caller.rawToken,
      scopes: [scope],
      skipCache: true,
    });
  } catch (error) {
    throw mapMsalError(error, permission);
  } finally {
    client.msal.clearCache();
  }
  if (!result?.accessToken) throw new Error("The on-behalf-of exchange returned no access token");
  const expiresAt = result.expiresOn ? result.expiresOn.getTime() - EXPIRY_MARGIN_MS : undefined;
  client.tokens.set(key, result.accessToken, expiresAt);
  return result.accessToken;
}

/** Entries in the process's on-behalf-of cache (for the benchmark and tests). */
export function onBehalfOfCacheSize(): number {
  return application?.client.tokens.size ?? 0;
}
