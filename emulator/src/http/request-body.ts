import type { FastifyRequest } from "fastify";

/** The raw body as text: every content type is read as a string and parsed by the route that owns it. */
export function bodyText(request: FastifyRequest): string {
  return typeof request.body === "string" ? request.body : "";
}

export function contentTypeOf(request: FastifyRequest): string {
  return (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
}

/** Form fields from an urlencoded body; the first value wins when a field repeats. */
export function formFields(request: FastifyRequest): Record<string, string> {
  if (contentTypeOf(request) !== "application/x-www-form-urlencoded") return {};
  return firstValues(new URLSearchParams(bodyText(request)));
}

export function firstValues(params: URLSearchParams): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of params) if (!(name in fields)) fields[name] = value;
  return fields;
}

/** Query parameters of the request as single strings (first value wins). */
export function queryFields(request: FastifyRequest): Record<string, string> {
  const query = request.url.indexOf("?");
  return query < 0 ? {} : firstValues(new URLSearchParams(request.url.slice(query + 1)));
}

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie ?? "";
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return safeDecode(rest.join("="));
  }
  return undefined;
}

/** decodeURIComponent that keeps malformed input as it is instead of throwing. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
