import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * Where the next page of the pending list starts: Graph's @odata.nextLink, or an offset into the
 * guests the caller invited (the "invited by me" filter reads those from the history). It travels
 * through the browser, so it is signed and bound to the person and the query it was made for: a
 * cursor that was altered, or replayed for another query, is refused.
 */
export type PendingCursor =
  { kind: "graph"; nextLink: string } | { kind: "history"; offset: number };

const cursorSchema = z.union([
  z.object({ kind: z.literal("graph"), nextLink: z.url() }),
  z.object({ kind: z.literal("history"), offset: z.number().int().min(0) }),
]);
const envelopeSchema = z.object({ o: z.string(), q: z.string(), c: cursorSchema });

export class InvalidPendingCursorError extends Error {
  constructor() {
    super("The page cursor is not valid");
    this.name = "InvalidPendingCursorError";
  }
}

function signature(secret: string, body: string): Buffer {
  return createHmac("sha256", `pending-cursor:${secret}`).update(body).digest();
}

export function sealPendingCursor(
  cursor: PendingCursor,
  binding: { oid: string; query: string },
  secret: string,
): string {
  const body = Buffer.from(
    JSON.stringify({ o: binding.oid, q: binding.query, c: cursor }),
    "utf8",
  ).toString("base64url");
  return `${body}.${signature(secret, body).toString("base64url")}`;
}

export function openPendingCursor(
  sealed: string,
  binding: { oid: string; query: string },
  secret: string,
): PendingCursor {
  const [body, mac, ...rest] = sealed.split(".");
  if (!body || !mac || rest.length > 0) throw new InvalidPendingCursorError();
  const expected = signature(secret, body);
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new InvalidPendingCursorError();
  let parsed;
  try {
    parsed = envelopeSchema.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
  } catch {
    throw new InvalidPendingCursorError();
  }
  if (!parsed.success || parsed.data.o !== binding.oid || parsed.data.q !== binding.query)
    throw new InvalidPendingCursorError();
  return parsed.data.c;
}
