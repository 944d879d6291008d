const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The portal's app registration, as the local tenant has it: any loopback http redirect URI on any
 * port (Entra ignores the port of loopback redirect URIs too), plus configured prefixes.
 */
export function isAllowedRedirectUri(uri: string, extraPrefixes: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash) return false;
  if ((url.protocol === "http:" || url.protocol === "https:") && LOOPBACK_HOSTS.has(url.hostname))
    return true;
  return extraPrefixes.some((prefix) => prefix !== "" && uri.startsWith(prefix));
}
