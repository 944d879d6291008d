import { z } from "zod";
import { getServerConfig, type ServerConfig } from "@/lib/config/server-config";

/** What access-token validation takes from the authority's OpenID discovery document. */
export type IssuerRules = { issuer: string; jwksUri: string };

const discoverySchema = z.object({ issuer: z.url(), jwks_uri: z.url() });

let cached: { url: string; rules: Promise<IssuerRules> } | undefined;

async function fetchDiscovery(url: string): Promise<IssuerRules> {
  const response = await fetch(url, {
    headers: { accept: "application/json" },
    signal: AbortSignal.timeout(10_000),
  });
  if (!response.ok) throw new Error(`Discovery document ${url} answered ${response.status}`);
  const document = discoverySchema.parse(await response.json());
  return { issuer: document.issuer, jwksUri: document.jwks_uri };
}

/**
 * The token issuer and key set, read from the authority's discovery document once per process and
 * cached (a failed fetch is retried on the next call). Never built from the login host: China's
 * tokens come from another host than its login page (docs/national-clouds.md).
 */
export function discoverIssuer(
  config: Pick<ServerConfig, "discoveryUrl"> = getServerConfig(),
): Promise<IssuerRules> {
  if (cached?.url !== config.discoveryUrl) {
    const entry = { url: config.discoveryUrl, rules: fetchDiscovery(config.discoveryUrl) };
    entry.rules.catch(() => {
      if (cached === entry) cached = undefined;
    });
    cached = entry;
  }
  return cached.rules;
}

/** For tests that change the tenant's cloud between cases. */
export function forgetDiscoveredIssuer(): void {
  cached = undefined;
}
