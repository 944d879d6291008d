import { InvalidCursorError } from "./history-cursor";

/**
 * Every failure leaving the store is a StoreError. Driver errors are not kept as `cause`
 * because they carry the query parameters and the failing row (redeem URLs included), and
 * whoever logs a StoreError must not leak those.
 */
export class StoreError extends Error {
  /** The PostgreSQL SQLSTATE when the database reported one, e.g. "23505". */
  readonly sqlState: string | undefined;

  constructor(operation: string, sqlState?: string) {
    super(`Invitation store: ${operation} failed${sqlState ? ` (SQLSTATE ${sqlState})` : ""}`);
    this.name = "StoreError";
    this.sqlState = sqlState;
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

/** Runs one store operation; errors the caller should handle (a bad cursor) pass through as they are. */
export async function guarded<T>(operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof StoreError || error instanceof InvalidCursorError) throw error;
    throw new StoreError(operation, sqlStateOf(error));
  }
}
