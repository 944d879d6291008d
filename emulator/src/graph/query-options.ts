import type { FastifyRequest } from "fastify";
import { graphErrors } from "./graph-error";
import { safeDecode } from "../http/request-body";

/** The request's OData system query options (`$…`), lower-cased names, each at most once. */
export function systemQueryOptions(
  request: FastifyRequest,
  allowed: readonly string[],
): Map<string, string> {
  const index = request.url.indexOf("?");
  const params = new URLSearchParams(index < 0 ? "" : request.url.slice(index + 1));
  const options = new Map<string, string>();
  for (const [rawName, value] of params) {
    const name = rawName.toLowerCase();
    if (!name.startsWith("$")) continue;
    if (options.has(name)) {
      throw graphErrors.badRequest(
        `Query option '${rawName}' was specified more than once, but it must be specified at most once.`,
      );
    }
    if (name === "$skip")
      throw graphErrors.badRequest(
        "'$skip' is not supported by the service.",
        "Request_BadRequest",
      );
    if (!allowed.includes(name))
      throw graphErrors.badRequest(`The query parameter '${rawName}' is not supported.`);
    options.set(name, value);
  }
  return options;
}

/** The raw query string without the named option, to rebuild `@odata.nextLink`. */
export function queryWithout(request: FastifyRequest, name: string): string {
  const index = request.url.indexOf("?");
  if (index < 0) return "";
  return request.url
    .slice(index + 1)
    .split("&")
    .filter((part) => part !== "" && safeDecode(part.split("=")[0] ?? "").toLowerCase() !== name)
    .join("&");
}

export function isEventuallyConsistent(request: FastifyRequest): boolean {
  const header = request.headers.consistencylevel;
  return typeof header === "string" && header.trim().toLowerCase() === "eventual";
}
