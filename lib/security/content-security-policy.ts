import type { ServerConfig } from "@/lib/config/server-config";

/**
 * Origins the browser's MSAL talks to: the authority (metadata, instance discovery) and, for the local
 * tenant, the endpoints its metadata names. The token endpoint is called with fetch (connect-src); silent
 * renewal loads the authorize endpoint in a hidden frame (frame-src).
 */
export function identityOrigins(config: Pick<ServerConfig, "authority" | "authorityMetadata">) {
  const origins = new Set([new URL(config.authority).origin]);
  if (config.authorityMetadata) {
    const metadata = JSON.parse(config.authorityMetadata) as Record<string, unknown>;
    for (const key of ["authorization_endpoint", "token_endpoint", "end_session_endpoint"]) {
      const endpoint = metadata[key];
      if (typeof endpoint === "string") origins.add(new URL(endpoint).origin);
    }
  }
  return [...origins];
}

export type PolicyOptions = {
  nonce: string;
  identityOrigins: readonly string[];
  /** MSAL's redirect bridge is loaded in the hidden frame of a silent renewal: it may be framed by us. */
  framedBySelf: boolean;
  /** Development needs eval for React's debugging; production never does. */
  development: boolean;
  https: boolean;
};

/**
 * A strict policy: scripts only with this response's nonce (and what they load, 'strict-dynamic'), no
 * plugins, no framing by others, no base or form targets elsewhere. MSAL keeps tokens in
 * sessionStorage, so an injected script is what this guards against first.
 */
export function contentSecurityPolicy(options: PolicyOptions): string {
  const identity = options.identityOrigins.join(" ");
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // React sets style attributes; style sheets come from our own origin.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self' ${identity}`,
    `frame-src 'self' ${identity}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${options.framedBySelf ? "'self'" : "'none'"}`,
  ];
  if (options.https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Two years, subdomains included: sent only over https, where the browser honours it. */
export const STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";
