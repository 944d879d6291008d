import { z } from "zod";

/** Position after the last row of a page, in the (created_at, id) newest-first order. */
export interface HistoryPosition {
  createdAt: Date;
  id: string;
}

export class InvalidCursorError extends Error {
  readonly code = "invalid_cursor";

  constructor() {
    super("The history cursor is malformed");
    this.name = "InvalidCursorError";
  }
}

const positionSchema = z.tuple([z.iso.datetime(), z.uuid()]);

export function encodeCursor(position: HistoryPosition): string {
  const json = JSON.stringify([position.createdAt.toISOString(), position.id]);
  return Buffer.from(json, "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): HistoryPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  const result = positionSchema.safeParse(parsed);
  if (!result.success) throw new InvalidCursorError();
  const [createdAt, id] = result.data;
  return { createdAt: new Date(createdAt), id };
}
