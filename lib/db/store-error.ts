/**
 * Every failure leaving the store is a StoreError. Driver errors are not kept as `cause`
 * because they carry the query parameters and the failing row (redeem URLs included), and
 * whoever logs a StoreError must not leak those.
 */
export class StoreError extends Error {
  readonly code = "store_error";
  /** The PostgreSQL SQLSTATE when the database reported one, e.g. "23505". */
  readonly sqlState: string | undefined;

  constructor(operation: string, sqlState?: string) {
    super(`Invitation store: ${operation} failed${sqlState ? ` (SQLSTATE ${sqlState})` : ""}`);
    this.name = "StoreError";
    this.sqlState = sqlState;
  }
}

/** The idempotency key was used before for a different request (finding: invite B answered with A's link). */
export class IdempotencyMismatchError extends Error {
  readonly code = "idempotency_mismatch";

  constructor() {
    super("Invitation store: the idempotency key was used for another request");
    this.name = "IdempotencyMismatchError";
  }
}

export type DraftRefusal = "too_many_drafts" | "too_many_rows" | "too_large" | "not_draft";

/** A bulk draft would pass one of its bounds (bulk-draft-queries.ts); nothing was written. */
export class DraftRefusedError extends Error {
  readonly code = "draft_refused";

  constructor(readonly reason: DraftRefusal) {
    super(`Invitation store: the bulk draft was refused (${reason})`);
    this.name = "DraftRefusedError";
  }
}

function sqlStateOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== "object") return undefined;
    const code: unknown = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Errors are recognised by their `code`, never by `instanceof`: Next.js may compile a module into
 * more than one bundle, and an error made by one copy of a class is no instance of the other copy.
 */
export function hasErrorCode(error: unknown, code: string): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === code;
}

/** Errors the store lets through as they are; callers act on them (a bad cursor is the caller's). */
const PASSED_THROUGH = [
  "store_error",
  "invalid_cursor",
  "idempotency_mismatch",
  "draft_refused",
  "data_key",
];

/** Runs one store operation; errors the caller should handle (a bad cursor) pass through as they are. */
export async function guarded<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (PASSED_THROUGH.some((code) => hasErrorCode(error, code))) throw error;
    throw new StoreError(operation, sqlStateOf(error));
  }
}
