import { createHmac, timingSafeEqual } from "node:crypto";

/*
 * Page cursors travel through the browser, so each is signed (HMAC-SHA256) and bound to the person
 * and the query it was made for: an altered cursor, or one replayed for another query, is refused.
 * `purpose` keeps a cursor of one list from being accepted by another.
 */

function signature(purpose: string, secret: string, body: string, binding: string): Buffer {
  return createHmac("sha256", `${purpose}:${secret}`).update(`${body}\n${binding}`).digest();
}

/** `body` must not contain a ".". */
export function signCursor(purpose: string, secret: string, body: string, binding = ""): string {
  return `${body}.${signature(purpose, secret, body, binding).toString("base64url")}`;
}

/** The signed body, or undefined when the cursor is malformed, altered or bound to something else. */
export function verifyCursor(
  purpose: string,
  secret: string,
  sealed: string,
  binding = "",
): string | undefined {
  const [body, mac, ...rest] = sealed.split(".");
  if (!body || !mac || rest.length > 0) return undefined;
  const expected = signature(purpose, secret, body, binding);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return body;
}
