import { ConfidentialClientApplication, LogLevel } from "@azure/msal-node";
import { getServerConfig, type ServerConfig } from "@/lib/config/server-config";
import { AuthError } from "./auth-error";
import type { Caller } from "./caller";
import { graphScope, type GraphPermission } from "./graph-permissions";
import { logger } from "@/lib/observability/logger";

type ClientConfig = Pick<
  ServerConfig,
  "clientId" | "clientSecret" | "authority" | "knownAuthorities" | "authorityMetadata"
>;

let application: { client: ConfidentialClientApplication; config: ServerConfig } | undefined;

export function createConfidentialClient(config: ClientConfig): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      authority: config.authority,
      // For the local tenant: trust the never-contacted https authority and use the given metadata,
      // so msal-node neither rejects http endpoints nor tries online discovery (docs/graph-behaviour.md#authority-and-discovery).
      ...(config.knownAuthorities.length > 0 ? { knownAuthorities: config.knownAuthorities } : {}),
      ...(config.authorityMetadata ? { authorityMetadata: config.authorityMetadata } : {}),
    },
    system: {
      loggerOptions: {
        piiLoggingEnabled: false,
        logLevel: LogLevel.Warning,
        loggerCallback: (level, message) => {
          if (level === LogLevel.Error) logger().error({ component: "msal" }, message);
        },
      },
    },
  });
}

/** One application per process: its in-memory cache is what makes repeated OBO calls cheap. */
function getConfidentialClient(): ConfidentialClientApplication {
  const config = getServerConfig();
  if (application?.config !== config)
    application = { client: createConfidentialClient(config), config };
  return application.client;
}

const SESSION_EXPIRED_CODES = new Set([
  "invalid_grant",
  "interaction_required",
  "login_required",
  "bad_token",
  "interrupted_user",
]);
const UNREACHABLE_CODES = new Set([
  "network_error",
  "no_network_connectivity",
  "endpoints_resolution_error",
  "openid_config_error",
  "temporarily_unavailable",
]);

type MsalFailure = { errorCode: string; subError?: string };

// Duck-typed: msal-node's error classes come from msal-common, which a bundler may load twice.
function isMsalFailure(error: unknown): error is MsalFailure {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as MsalFailure).errorCode === "string"
  );
}

/** Translates msal-node failures into the portal's error codes; unknown failures are returned as they are. */
export function mapMsalError(error: unknown): unknown {
  if (!isMsalFailure(error)) return error;
  // Missing admin consent arrives as invalid_grant with suberror consent_required: signing in again would not help.
  if (error.errorCode === "consent_required" || error.subError === "consent_required") {
    return new AuthError("forbidden", "The portal lacks consent for this Graph permission", {
      cause: error,
    });
  }
  if (SESSION_EXPIRED_CODES.has(error.errorCode)) {
    return new AuthError("session_expired", "The on-behalf-of exchange was refused", {
      cause: error,
    });
  }
  if (UNREACHABLE_CODES.has(error.errorCode)) {
    return new AuthError("graph_unreachable", "The identity platform could not be reached", {
      cause: error,
    });
  }
  return error;
}

/**
 * Exchanges the caller's portal-API token for a Graph token with exactly one delegated permission.
 * The Graph token is opaque to us and never leaves the server (docs/graph-behaviour.md#graph-tokens).
 */
export async function acquireGraphTokenOnBehalfOf(
  caller: Pick<Caller, "rawToken">,
  permission: GraphPermission,
  client: ConfidentialClientApplication = getConfidentialClient(),
): Promise<string> {
  if (!caller.rawToken)
    throw new Error("acquireGraphTokenOnBehalfOf needs the caller from validateAccessToken");
  let result;
  try {
    result = await client.acquireTokenOnBehalfOf({
      oboAssertion: caller.rawToken,
      scopes: [graphScope(permission)],
    });
  } catch (error) {
    throw mapMsalError(error);
  }
  if (!result?.accessToken) throw new Error("The on-behalf-of exchange returned no access token");
  return result.accessToken;
}
