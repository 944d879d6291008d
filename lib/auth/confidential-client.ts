import { readFile, stat } from "node:fs/promises";
import { ConfidentialClientApplication, LogLevel, type Configuration } from "@azure/msal-node";
import type { ClientCredential, ServerConfig } from "@/lib/config/server-config";
import { logger } from "@/lib/observability/logger";

export type ClientConfig = Pick<
  ServerConfig,
  "clientId" | "credential" | "authority" | "knownAuthorities" | "authorityMetadata"
>;

/**
 * A federated token file (Azure workload identity, managed identity) is rotated in place: read it
 * again whenever it changed, and only then.
 */
function federatedAssertion(tokenFile: string): () => Promise<string> {
  let last: { modified: number; size: number; token: string } | undefined;
  return async () => {
    const { mtimeMs, size } = await stat(tokenFile);
    if (last?.modified !== mtimeMs || last.size !== size) {
      last = { modified: mtimeMs, size, token: (await readFile(tokenFile, "utf8")).trim() };
    }
    return last.token;
  };
}

function credentialOptions(credential: ClientCredential): Partial<Configuration["auth"]> {
  switch (credential.kind) {
    case "secret":
      return { clientSecret: credential.secret };
    case "certificate":
      return {
        clientCertificate: {
          thumbprintSha256: credential.thumbprintSha256,
          privateKey: credential.privateKey,
          x5c: credential.certificatePem,
        },
      };
    case "federated":
      return { clientAssertion: federatedAssertion(credential.tokenFile) };
  }
}

export function createConfidentialClient(config: ClientConfig): ConfidentialClientApplication {
  return new ConfidentialClientApplication({
    auth: {
      clientId: config.clientId,
      ...credentialOptions(config.credential),
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
