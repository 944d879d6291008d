/**
 * Turns an @odata.nextLink into a path under the API version, for the next request through the same
 * client. Refuses links to any other origin, so the Graph token is never sent elsewhere. (The Graph
 * client itself parses only https links, which the local tenant's http links are not.)
 */
export function pathFromNextLink(nextLink: string, graphBaseUrl: string): string {
  const link = new URL(nextLink);
  if (link.origin !== new URL(graphBaseUrl).origin)
    throw new Error("nextLink points outside Graph");
  // Cut the raw string rather than reserialise the URL, which would re-encode the query.
  const pathAndQuery = nextLink.slice(nextLink.indexOf("/", nextLink.indexOf("//") + 2));
  const match = /^\/[^/?]+(\/[^?]+(?:\?.*)?)$/.exec(pathAndQuery);
  if (!match?.[1]) throw new Error("nextLink has no resource path");
  return match[1];
}
