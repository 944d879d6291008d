import type { FaultKind } from "./faults";

export type RequestLogEntry = {
  id: string;
  time: string;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  /** Request headers without Authorization and Cookie. */
  headers: Record<string, string | string[]>;
  /** Parsed JSON or form body, without fields that carry tokens, codes or secrets. */
  body: unknown;
  status: number | null;
  durationMs: number | null;
  /** The injected fault this request met, if any (`act-then-*`: processed, answer lost). */
  fault?: FaultKind;
};

const HIDDEN_HEADERS = new Set(["authorization", "cookie"]);
/** Fields of token-endpoint and sign-in bodies that carry credentials: never stored. */
const HIDDEN_FIELDS = new Set([
  "assertion",
  "client_assertion",
  "client_secret",
  "code",
  "code_verifier",
  "refresh_token",
  "id_token_hint",
  "access_token",
]);

export function loggableHeaders(
  headers: Record<string, string | string[] | undefined>,
): RequestLogEntry["headers"] {
  const kept: RequestLogEntry["headers"] = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HIDDEN_HEADERS.has(name.toLowerCase())) kept[name] = value;
  }
  return kept;
}

export function loggableBody(body: unknown): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([key]) => !HIDDEN_FIELDS.has(key)));
}

export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry, limit: number): void {
    this.entries.push(entry);
    if (this.entries.length > limit) this.entries.splice(0, this.entries.length - limit);
  }

  list(filter: { pathPrefix?: string; method?: string } = {}): RequestLogEntry[] {
    return this.entries.filter(
      (entry) =>
        (!filter.pathPrefix || entry.path.startsWith(filter.pathPrefix)) &&
        (!filter.method || entry.method === filter.method.toUpperCase()),
    );
  }

  clear(): void {
    this.entries = [];
  }
}

/** The request body as the log keeps it: parsed when possible, credentials removed. */
export function bodyForLog(text: string, type: string): unknown {
  if (text === "") return null;
  if (type === "application/x-www-form-urlencoded")
    return loggableBody(Object.fromEntries(new URLSearchParams(text)));
  if (type.includes("json")) {
    try {
      return loggableBody(JSON.parse(text));
    } catch {
      return text;
    }
  }
  return text;
}
