import "server-only";
import { z } from "zod";
import { signCursor, verifyCursor } from "@/lib/security/signed-cursor";

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
  readonly code = "invalid_cursor";

  constructor() {
    super("The page cursor is not valid");
    this.name = "InvalidPendingCursorError";
  }
}

const PURPOSE = "pending-cursor";

export function sealPendingCursor(
  cursor: PendingCursor,
  binding: { oid: string; query: string },
  secret: string,
): string {
  const body = Buffer.from(
    JSON.stringify({ o: binding.oid, q: binding.query, c: cursor }),
    "utf8",
  ).toString("base64url");
  return signCursor(PURPOSE, secret, body);
}

export function openPendingCursor(
  sealed: string,
  binding: { oid: string; query: string },
  secret: string,
): PendingCursor {
  const body = verifyCursor(PURPOSE, secret, sealed);
  if (body === undefined) throw new InvalidPendingCursorError();
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
