import { afterAll, beforeAll } from "vitest";

/**
 * Gives Graph calls a short per-attempt timeout for the test file that calls this, so an answer the
 * local tenant holds back (an `act-then-delay` fault) counts as lost; the setting is restored after.
 */
export function shortGraphAttemptTimeout(milliseconds = 3_000): void {
  const saved = process.env.GRAPH_ATTEMPT_TIMEOUT_MS;
  beforeAll(() => {
    process.env.GRAPH_ATTEMPT_TIMEOUT_MS = String(milliseconds);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.GRAPH_ATTEMPT_TIMEOUT_MS;
    else process.env.GRAPH_ATTEMPT_TIMEOUT_MS = saved;
  });
}
